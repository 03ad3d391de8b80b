#!/usr/bin/env python3
"""Counts test cases in a Meson JUnit log (gtest cases appear one by one)
and writes "PASSED FAILED" to the given counts file."""
import sys
import xml.etree.ElementTree as ET

junit, counts = sys.argv[1], sys.argv[2]
passed = failed = 0
for case in ET.parse(junit).getroot().iter('testcase'):
    if case.find('failure') is not None or case.find('error') is not None:
        failed += 1
    elif case.find('skipped') is None:
        passed += 1
with open(counts, 'w') as f:
    f.write('%d %d\n' % (passed, failed))
print('%d passed, %d failed' % (passed, failed))

"""Runs a unittest module's tests and reports them as TAP, so `meson test`
(protocol: 'tap') counts every case. Usage in a test file:

    if __name__ == '__main__':
        tap_unittest.main()
"""
import sys
import unittest


class _TapResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.number = 0

    def _line(self, ok, test, detail=''):
        self.number += 1
        print('%s %d - %s' % ('ok' if ok else 'not ok', self.number, test.id()))
        for line in detail.rstrip().splitlines():
            print('# ' + line)
        sys.stdout.flush()

    def addSuccess(self, test):
        super().addSuccess(test)
        self._line(True, test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._line(False, test, self._exc_info_to_string(err, test))

    def addError(self, test, err):
        super().addError(test, err)
        self._line(False, test, self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.number += 1
        print('ok %d - %s # SKIP %s' % (self.number, test.id(), reason))


def main(module='__main__'):
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[module])
    print('1..%d' % suite.countTestCases())
    result = _TapResult()
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)

#!/usr/bin/env python3
"""The `tcvod sign` / `tcvod verify` contract: outputs, exit codes, stderr
lines that start with the field path, and no secret in any output.
Usage: cli_test.py PATH_TO_TCVOD"""
import json
import os
import subprocess
import sys
import unittest

import tap_unittest
from vectors import load_signature_vectors

TCVOD = sys.argv[1] if len(sys.argv) > 1 else 'tcvod'
DOC_KEY = 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA'
DOC_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA'
COMMON = ['--region', 'gz', '--secret-id', DOC_ID, '--timestamp', '1465185768', '--nonce', '11886']
VECTORS = {v['name']: v for v in load_signature_vectors()}
SECRETS = [DOC_KEY, 'another-secret-key-value']
SINGLE = ['inputType=SingleFile', 'file.id=12345', 'file.startTimeOffset=10', 'file.endTimeOffset=25',
          'procedure=SomeProcedure']


def run(args, key=DOC_KEY, stdin=b''):
    env = {k: v for k, v in os.environ.items() if k != 'TCVOD_SECRET_KEY'}
    if key is not None:
        env['TCVOD_SECRET_KEY'] = key
    p = subprocess.run([TCVOD] + args, input=stdin, env=env, capture_output=True, timeout=30)
    for secret in SECRETS:
        assert secret.encode() not in p.stdout + p.stderr, 'secret leaked in output'
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def sign(extra, key=DOC_KEY):
    return run(['sign'] + COMMON + extra, key)


def signature_of(text):
    """The Signature value in a query, URL or body, percent-decoded."""
    from urllib.parse import unquote
    query = text.strip().split('?', 1)[-1]
    for pair in query.split('&'):
        k, _, v = pair.partition('=')
        if k == 'Signature':
            return unquote(v)
    return None


class SignVectors(unittest.TestCase):
    def test_dv1_get_url_is_exact(self):
        rc, out, err = sign(SINGLE)
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, 'https://vod.api.qcloud.com/v2/index.php?' + VECTORS['DV1']['wire'] + '\n')

    def test_dv1_string_to_sign_and_query(self):
        rc, out, _ = sign(['--print', 'string-to-sign'] + SINGLE)
        self.assertEqual((rc, out), (0, VECTORS['DV1']['string_to_sign'] + '\n'))
        rc, out, _ = sign(['--print', 'query'] + SINGLE)
        self.assertEqual((rc, out), (0, VECTORS['DV1']['wire'] + '\n'))

    def test_dv1b_post_prints_body(self):
        rc, out, _ = sign(['--method', 'POST'] + SINGLE)
        self.assertEqual(rc, 0)
        self.assertTrue(out.startswith('Action=RunProcedure&'))
        self.assertEqual(signature_of(out), VECTORS['DV1b']['signature'])
        rc, s2s, _ = sign(['--method=POST', '--print=string-to-sign'] + SINGLE)
        self.assertEqual(s2s.strip(), VECTORS['DV1b']['string_to_sign'])

    def test_dv3_needs_lenient(self):
        args = ['inputType=Stream', 'stream.streamId=12345', 'stream.startTimeStamp=15020876538',
                'stream.endTimeStamp=1502087638', 'procedure=SomeProcedure']
        rc, out, err = sign(args)
        self.assertEqual(rc, 2)
        self.assertEqual(out, '')
        self.assertTrue(err.startswith('stream.endTimeStamp: '), err)
        rc, out, _ = sign(['--lenient'] + args)
        self.assertEqual(rc, 0)
        self.assertEqual(signature_of(out), VECTORS['DV3']['signature'])

    def test_dv4_utf8_and_reserved_characters(self):
        rc, out, err = sign(['--print', 'query', 'inputType=PullFile', 'notifyMode=Change', 'priority=-10',
                             'procedure=SomeProcedure', 'pull.classId=0',
                             'pull.fileMd5=b3ae6ed07d9bf4efeeb94ed2d37ff3e3', 'pull.fileName=测试 video+1',
                             'pull.url=http://cloud.tencent.com/sample_video/sample.mp4?a=1&b=2'])
        self.assertEqual(rc, 0, err)
        self.assertEqual(out.strip(), VECTORS['DV4']['wire'])

    def test_dv7_eleven_streams_and_subappid(self):
        streams = ['streamList.%d.streamId=s%d' % (i, i) for i in range(11)]
        rc, out, _ = sign(['--print', 'string-to-sign', 'SubAppId=1400001234', 'inputType=MultiStream',
                           'procedure=SomeProcedure'] + streams[::-1])
        self.assertEqual((rc, out.strip()), (0, VECTORS['DV7']['string_to_sign']))
        rc, out, _ = sign(['SubAppId=1400001234', 'inputType=MultiStream', 'procedure=SomeProcedure'] + streams)
        self.assertEqual(signature_of(out), VECTORS['DV7']['signature'])

    def test_dv8_procedure_syntax(self):
        rc, out, _ = sign(['inputType=SingleFile', 'file.id=14508071098244959037',
                           'procedure=QCVB_SimpleProcessFile({210,220}, 10, 10, 10)'])
        self.assertEqual(rc, 0)
        self.assertEqual(signature_of(out), VECTORS['DV8']['signature'])

    def test_signature_method_sent_only_when_given(self):
        rc, out, _ = sign(SINGLE)
        self.assertNotIn('SignatureMethod', out)
        rc, out, _ = sign(['--signature-method', 'HmacSHA256'] + SINGLE)
        self.assertIn('&SignatureMethod=HmacSHA256&', out)
        self.assertEqual(len(signature_of(out)), 44)
        rc, out, _ = sign(['--signature-method', 'HmacSHA1'] + SINGLE)
        self.assertIn('&SignatureMethod=HmacSHA1&', out)
        self.assertEqual(len(signature_of(out)), 28)

    def test_dv2_offsets_are_normalised(self):
        rc, out, _ = sign(['--method', 'POST', '--signature-method', 'HmacSHA256', '--print', 'string-to-sign',
                           'inputType=MultiFile', 'fileList.0.id=14508071098244959037',
                           'fileList.0.startTimeOffset=30.0', 'fileList.0.endTimeOffset=100.0',
                           'fileList.1.id=14508071098244966759', 'fileList.1.startTimeOffset=300.0',
                           'fileList.1.endTimeOffset=400.0', 'procedure=SomeProcedure'])
        self.assertEqual(rc, 0)
        self.assertEqual(out.strip(), VECTORS['DV2']['string_to_sign'].replace('.0&', '&'))

    def test_host_and_path(self):
        rc, out, _ = sign(['--host', '127.0.0.1:8080', '--path', '/v2/index.php'] + SINGLE)
        self.assertTrue(out.startswith('https://127.0.0.1:8080/v2/index.php?Action=RunProcedure&'))


class SignErrors(unittest.TestCase):
    def assert_usage(self, args, key=DOC_KEY):
        rc, out, err = run(args, key)
        self.assertEqual(rc, 1, (args, err))
        self.assertEqual(out, '')
        self.assertTrue(err.strip())

    def test_usage_errors_exit_1(self):
        self.assert_usage(['sign'] + COMMON[2:] + SINGLE)                       # no --region
        self.assert_usage(['sign'] + COMMON + ['--bogus', 'x'] + SINGLE)
        self.assert_usage(['sign'] + COMMON + ['--method', 'PUT'] + SINGLE)
        self.assert_usage(['sign'] + COMMON + ['--print', 'json'] + SINGLE)
        self.assert_usage(['sign'] + COMMON + ['--signature-method', 'HmacSHA512'] + SINGLE)
        self.assert_usage(['sign'] + COMMON + ['justaword'] + SINGLE)
        self.assert_usage(['sign'] + COMMON + ['Region=bj'] + SINGLE)
        self.assert_usage(['sign'] + COMMON + ['Signature=abc'] + SINGLE)
        self.assert_usage(['sign'] + COMMON + ['--nonce'])
        self.assert_usage(['sign'] + COMMON + SINGLE, key=None)                # no TCVOD_SECRET_KEY
        self.assert_usage(['frobnicate'])
        self.assert_usage([])

    def test_slash_arguments_are_not_flags(self):
        # CLI11 takes /region for --region on Windows unless told not to.
        rc, out, err = sign(['/region', 'bj'] + SINGLE)
        self.assertEqual((rc, out), (1, ''))
        self.assertIn("expected NAME=VALUE, got '/region'", err)

    def test_invalid_requests_exit_2_with_field_paths(self):
        rc, out, err = sign(['inputType=MultiFile', 'fileList.0.id=1', 'fileList.2.id=3', 'file.id=4',
                             'procedure=', 'priority=11', 'notifyMode=Sometimes', 'pull.fileMd5=xyz'])
        self.assertEqual(rc, 2)
        self.assertEqual(out, '')
        lines = err.strip().splitlines()
        paths = [line.split(':', 1)[0] for line in lines]
        for expected in ['fileList.1', 'notifyMode', 'file.id', 'pull.fileMd5', 'procedure', 'priority']:
            self.assertIn(expected, paths, err)
        for line in lines:
            self.assertRegex(line, r'^[A-Za-z][A-Za-z0-9.]*: \S')

    def test_unknown_duplicate_and_bad_numbers(self):
        for args, path in [(['foo=1'] + SINGLE, 'foo'),
                           (SINGLE + ['file.id=99'], 'file.id'),
                           (SINGLE[:2] + ['file.startTimeOffset=1e3'] + SINGLE[3:], 'file.startTimeOffset'),
                           (['fileList.01.id=1', 'inputType=MultiFile', 'procedure=P'], 'fileList.01.id'),
                           (['inputType=Nope', 'procedure=P'], 'inputType'),
                           (['file_id=1'] + SINGLE, 'file_id')]:
            rc, _, err = sign(args)
            self.assertEqual(rc, 2, args)
            self.assertIn(path + ': ', err)
        rc, _, err = run(['sign', '--region', 'gz', '--secret-id', 'x', '--timestamp', 'soon', '--nonce', '1'] + SINGLE)
        self.assertEqual(rc, 2)
        self.assertTrue(err.startswith('Timestamp: '))

    def test_help(self):
        rc, out, _ = run(['--help'], key=None)
        self.assertEqual(rc, 0)
        for word in ['sign', 'verify', 'TCVOD_SECRET_KEY', '--print', '--signature-method', 'Exit status']:
            self.assertIn(word, out)


class Verify(unittest.TestCase):
    def signed(self, extra=SINGLE, method='GET'):
        rc, out, _ = sign(['--method', method] + extra)
        self.assertEqual(rc, 0)
        return out.encode()

    def test_valid_get_url_and_query(self):
        url = self.signed()
        rc, out, err = run(['verify'], stdin=url)
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        self.assertEqual(out.count('\n'), 1)
        self.assertEqual(doc['inputType'], 'SingleFile')
        self.assertEqual(doc['file'], {'id': '12345', 'startTimeOffset': 10, 'endTimeOffset': 25})
        self.assertEqual(doc['Nonce'], 11886)
        self.assertNotIn('Signature', doc)
        query = url.split(b'?', 1)[1]
        self.assertEqual(run(['verify'], stdin=query)[0], 0)

    def test_post_body_needs_post(self):
        body = self.signed(method='POST')
        self.assertEqual(run(['verify', '--method', 'POST'], stdin=body)[0], 0)
        rc, _, err = run(['verify'], stdin=body)
        self.assertEqual(rc, 3)
        self.assertTrue(err.startswith('Signature: '))

    def test_tampered_or_wrong_key_is_3(self):
        url = self.signed()
        self.assertEqual(run(['verify'], stdin=url.replace(b'file.id=12345', b'file.id=12346'))[0], 3)
        self.assertEqual(run(['verify'], key='another-secret-key-value', stdin=url)[0], 3)
        no_sig = b'&'.join(p for p in url.split(b'?', 1)[1].split(b'&') if not p.startswith(b'Signature='))
        self.assertEqual(run(['verify'], stdin=no_sig)[0], 3)

    def test_malformed_is_2(self):
        rc, _, err = run(['verify'], stdin=b'Action=RunProcedure&procedure=%zz')
        self.assertEqual(rc, 2)
        self.assertTrue(err.startswith('procedure: '))

    def test_signed_but_invalid_is_2(self):
        args = ['inputType=Stream', 'stream.streamId=12345', 'stream.startTimeStamp=15020876538',
                'stream.endTimeStamp=1502087638', 'procedure=SomeProcedure']
        rc, out, _ = sign(['--lenient'] + args)
        rc, _, err = run(['verify'], stdin=out.encode())
        self.assertEqual(rc, 2)
        self.assertTrue(err.startswith('stream.endTimeStamp: '))
        self.assertEqual(run(['verify', '--lenient'], stdin=out.encode())[0], 0)

    def test_round_trip_through_the_tool(self):
        extra = ['inputType=PullFile', 'pull.url=https://example.com/a b/视频.mp4?x=1&y=+', 'pull.fileName=名 & =',
                 'procedure=P', 'notifyMode=None', 'priority=3', 'Token=tok+en', 'SubAppId=7']
        rc, out, _ = sign(['--signature-method', 'HmacSHA256'] + extra)
        self.assertEqual(rc, 0)
        rc, out, err = run(['verify'], stdin=out.encode())
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        self.assertEqual(doc['pull'], {'url': 'https://example.com/a b/视频.mp4?x=1&y=+', 'fileName': '名 & ='})
        self.assertEqual((doc['Token'], doc['SubAppId'], doc['priority']), ('tok+en', 7, 3))


if __name__ == '__main__':
    tap_unittest.main()

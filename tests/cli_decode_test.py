#!/usr/bin/env python3
"""The `tcvod decode-response` / `tcvod decode-event` contract and
`tcvod sign|verify` for PullEvent and ConfirmEvent: one line of JSON on
stdout, exit 0 (code 0), 3 (the API reported an error), 2 (malformed, one
line on stderr naming the field), 1 (usage).
Usage: cli_decode_test.py PATH_TO_TCVOD"""
import json
import os
import subprocess
import sys
import unittest
from urllib.parse import unquote

import tap_unittest
from vectors import load_signature_vectors

TCVOD = sys.argv[1] if len(sys.argv) > 1 else 'tcvod'
BODIES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'vectors', 'bodies')
DOC_KEY = 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA'
DOC_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA'
COMMON = ['--region', 'gz', '--secret-id', DOC_ID, '--timestamp', '1465185768', '--nonce', '11886']
VECTORS = {v['name']: v for v in load_signature_vectors()}

# Every code of the catalogue: (category, retryable).
CATALOGUE = {
    0: ('success', False),
    1: ('server_error', True), 1000: ('invalid_request', False), 1001: ('server_error', True),
    1003: ('server_error', True), 2000: ('server_error', True), 10008: ('not_found', False),
    10022: ('server_error', True), 50005: ('conflict', False), 50006: ('server_error', True),
    50007: ('invalid_request', False),
    4000: ('invalid_request', False), 4100: ('authentication', False), 4101: ('authentication', False),
    4102: ('authentication', False), 4103: ('authentication', False), 4104: ('authentication', False),
    4105: ('authentication', False), 4106: ('authentication', False), 4110: ('authentication', False),
    4200: ('authentication', True), 4300: ('authentication', False), 4400: ('quota', True),
    4500: ('authentication', True), 4600: ('invalid_request', False), 5000: ('not_found', False),
    5100: ('server_error', True), 5200: ('billing', False), 5300: ('billing', False),
    5400: ('partial_success', False), 5500: ('authentication', False), 6000: ('server_error', True),
    6100: ('invalid_request', False), 6200: ('server_error', True),
}


def body(name):
    with open(os.path.join(BODIES, name), 'rb') as f:
        return f.read()


def run(args, stdin=b'', key=None):
    env = {k: v for k, v in os.environ.items() if k != 'TCVOD_SECRET_KEY'}
    if key is not None:
        env['TCVOD_SECRET_KEY'] = key
    p = subprocess.run([TCVOD] + args, input=stdin, env=env, capture_output=True, timeout=30)
    assert DOC_KEY.encode() not in p.stdout + p.stderr, 'secret leaked in output'
    return p.returncode, p.stdout.decode('utf-8'), p.stderr.decode('utf-8')


def one_line(test, out):
    """stdout is exactly one line holding one JSON object."""
    test.assertTrue(out.endswith('\n'), repr(out))
    test.assertEqual(out.count('\n'), 1, repr(out))
    return json.loads(out)


def json_lines(test, out):
    test.assertTrue(out == '' or out.endswith('\n'), repr(out))
    return [json.loads(line) for line in out.splitlines()]


class DecodeResponseDocumented(unittest.TestCase):
    def decode(self, stdin, *flags):
        return run(['decode-response'] + list(flags), stdin)

    def test_run_procedure_success(self):
        rc, out, err = self.decode(body('run_procedure_response.json'))
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, '{"code":0,"message":"","vodTaskId":"procedure-7a2229a8f1957bfce08ba733fbfd4a3c",'
                              '"category":"success","retryable":false}\n')
        self.assertEqual(err, '')

    def test_string_code_with_module_code(self):
        rc, out, _ = self.decode(body('error_5100_string_code.json'))
        self.assertEqual(rc, 3)
        self.assertEqual(one_line(self, out), {'code': 5100, 'message': '(100004)projectId不正确',
                                               'category': 'server_error', 'retryable': True})

    def test_auth_failure_with_code_desc(self):
        rc, out, _ = self.decode(body('error_4100_auth_failure.json'))
        self.assertEqual(rc, 3)
        self.assertEqual(out, '{"code":4100,"message":"鉴权失败，请参考文档中鉴权部分。","codeDesc":"AuthFailure",'
                              '"category":"authentication","retryable":false}\n')

    def test_invalid_parameter_with_code_desc(self):
        rc, out, _ = self.decode(body('error_4000_invalid_parameter.json'))
        self.assertEqual(rc, 3)
        got = one_line(self, out)
        self.assertEqual(got['codeDesc'], 'InvalidParameter')
        self.assertEqual((got['category'], got['retryable']), ('invalid_request', False))
        self.assertNotIn('vodTaskId', got)

    def test_confirm_event_response(self):
        rc, out, _ = self.decode(body('confirm_event_response.json'))
        self.assertEqual((rc, one_line(self, out)), (0, {'code': 0, 'message': '', 'category': 'success',
                                                         'retryable': False}))

    def test_api_page_trailing_comma_is_malformed_by_default(self):
        rc, out, err = self.decode(body('run_procedure_response_api_page.json'))
        self.assertEqual(rc, 2)
        self.assertEqual(out, '')
        self.assertEqual(err.count('\n'), 1, err)
        self.assertIn('vodTaskId', err)
        self.assertIn('comma', err)

    def test_api_page_accepted_with_lenient(self):
        rc, out, err = self.decode(body('run_procedure_response_api_page.json'), '--lenient')
        self.assertEqual(rc, 0, err)
        self.assertEqual(one_line(self, out)['vodTaskId'], 'procedure-7a2229a8f1957bfce08ba733fbfd4a3c')


class DecodeResponseCodes(unittest.TestCase):
    def test_every_catalogue_code_as_number_and_string(self):
        for code, (category, retryable) in CATALOGUE.items():
            for text in (str(code), '"%d"' % code):
                rc, out, err = run(['decode-response'], ('{"code":%s,"message":"m"}' % text).encode())
                self.assertEqual(rc, 0 if code == 0 else 3, (code, err))
                self.assertEqual(one_line(self, out), {'code': code, 'message': 'm', 'category': category,
                                                       'retryable': retryable})

    def test_unknown_codes_are_kept(self):
        rc, out, _ = run(['decode-response'], b'{"code":4242,"message":"x","codeDesc":"Weird"}')
        self.assertEqual(rc, 3)
        self.assertEqual(one_line(self, out), {'code': 4242, 'message': 'x', 'codeDesc': 'Weird',
                                               'category': 'unknown', 'retryable': False})
        rc, out, _ = run(['decode-response'], b'{"code":-9223372036854775808,"message":""}')
        self.assertEqual((rc, one_line(self, out)['code']), (3, -9223372036854775808))

    def test_escapes_and_unknown_fields(self):
        rc, out, _ = run(['decode-response'],
                         b'{"x":{"y":[1,2.5e10,null]},"code":"0","message":"\\u4e0d\\ud83d\\ude00\\"\\n","RequestClient":"x"}')
        self.assertEqual(rc, 0)
        self.assertEqual(one_line(self, out)['message'], '不\U0001F600"\n')


class DecodeResponseMalformed(unittest.TestCase):
    CASES = [
        (b'', ''),
        (b'   \n', ''),
        (b'{"code":0,"message":"abc', ''),
        (b'{"code":0,', ''),
        (b'[1]', ''),
        (b'{"code":0}', 'message'),
        (b'{"message":""}', 'code'),
        (b'{"code":true,"message":""}', 'code'),
        (b'{"code":"abc","message":""}', 'code'),
        (b'{"code":1.5,"message":""}', 'code'),
        (b'{"code":99999999999999999999,"message":""}', 'code'),
        (b'{"code":0,"message":5}', 'message'),
        (b'{"code":0,"message":"","codeDesc":[]}', 'codeDesc'),
        (b'{"code":0,"message":"","vodTaskId":1}', 'vodTaskId'),
        (b'{"code":0,"message":"\xff"}', ''),
        (b'{"code":0,"message":"\\ud800"}', 'message'),
        (b'{"code":0,"message":"","x":' + b'[' * 5000 + b']' * 5000 + b'}', 'x.0.0'),
        (b'{"code":0,"code":1,"message":""}', 'code'),
        (b'{"code":0,"message":""} trailing', ''),
    ]

    def test_each_gives_exit_2_and_one_precise_line(self):
        for stdin, field in self.CASES:
            rc, out, err = run(['decode-response'], stdin)
            self.assertEqual(rc, 2, (stdin[:60], out, err))
            self.assertEqual(out, '', stdin[:60])
            self.assertEqual(err.count('\n'), 1, (stdin[:60], err))
            self.assertTrue(err.startswith('tcvod decode-response: '), err)
            if field:
                self.assertTrue(err.startswith('tcvod decode-response: ' + field), (stdin[:60], err))

    def test_usage_errors(self):
        self.assertEqual(run(['decode-response', '--bogus'], b'{}')[0], 1)
        self.assertEqual(run(['decode-response', 'file.json'], b'{}')[0], 1)
        self.assertEqual(run(['decode-event', '--bogus'], b'{}')[0], 1)


class DecodeEvent(unittest.TestCase):
    def test_procedure_state_changed_2_0(self):
        original = json.loads(body('procedure_state_changed_2_0.json'))
        rc, out, err = run(['decode-event'], body('procedure_state_changed_2_0.json'))
        self.assertEqual(rc, 0, err)
        event = one_line(self, out)
        self.assertEqual(event['format'], '2.0')
        self.assertNotIn('msgHandle', event)
        self.assertEqual(event['version'], '4.0')
        self.assertEqual(event['eventType'], 'ProcedureStateChanged')
        self.assertEqual(event['data'], original['data'])  # every documented field decoded and re-encoded

    def test_pull_event_response(self):
        original = json.loads(body('pull_event_response.json'))
        rc, out, err = run(['decode-event'], body('pull_event_response.json'))
        self.assertEqual(rc, 0, err)
        events = json_lines(self, out)
        self.assertEqual(len(events), 2)
        for got, want in zip(events, original['eventList']):
            self.assertEqual(got['msgHandle'], want['msgHandle'])
            self.assertEqual(got['format'], '2.0')
            self.assertEqual(got['eventType'], want['eventContent']['eventType'])
            self.assertEqual(got['data'], want['eventContent']['data'])

    def test_numeric_version(self):
        rc, out, _ = run(['decode-event'], body('pull_event_response_version_number.json'))
        self.assertEqual(rc, 0)
        self.assertEqual([e['version'] for e in json_lines(self, out)], ['4.0', '4'])

    def test_3_0_layout_is_reported_as_such(self):
        rc, out, err = run(['decode-event'], body('procedure_state_changed_3_0.json'))
        self.assertEqual(rc, 0, err)
        event = one_line(self, out)
        self.assertEqual(event['format'], '3.0')
        self.assertEqual(event['EventType'], 'ProcedureStateChanged')
        core = event['ProcedureStateChangeEvent']
        self.assertEqual((core['Status'], core['FileId'], core['FileName']),
                         ('FINISH', '5285890784246869930', '测试 video'))

    def test_pull_event_error_response(self):
        rc, out, _ = run(['decode-event'], b'{"code":4000,"message":"expired","codeDesc":"InvalidParameter"}')
        self.assertEqual(rc, 3)
        self.assertEqual(one_line(self, out), {'code': 4000, 'message': 'expired', 'codeDesc': 'InvalidParameter',
                                               'category': 'invalid_request', 'retryable': False})

    def test_empty_pull_prints_nothing(self):
        self.assertEqual(run(['decode-event'], b'{"code":0,"message":"","eventList":[]}')[:2], (0, ''))

    def test_type_drift(self):
        stdin = (b'{"data":{"status":"FINISH","fileId":14508071098244959037,"processTaskList":[{"taskType":"CoverBySnapshot",'
                 b'"status":"SUCCESS","errCode":"0","input":{"definition":"10"},"output":{"imageUrl":["a","b"]}}]},'
                 b'"eventType":"ProcedureStateChanged","version":4}')
        rc, out, err = run(['decode-event'], stdin)
        self.assertEqual(rc, 0, err)
        event = one_line(self, out)
        self.assertEqual(event['version'], '4')
        self.assertEqual(event['data']['fileId'], '14508071098244959037')
        task = event['data']['processTaskList'][0]
        self.assertEqual((task['errCode'], task['input']['definition']), (0, 10))
        self.assertEqual(task['output']['imageUrl'], ['a', 'b'])

    def test_malformed(self):
        for stdin, field in [
                (b'', ''),
                (b'{"version":"4.0"}', 'eventType'),
                (b'{"version":"4.0","eventType":"ProcedureStateChanged","data":{"status":"DONE"}}', 'data.status'),
                (b'{"version":"4.0","eventType":"ProcedureStateChanged","data":{"status":"FINISH",'
                 b'"processTaskList":[{"taskType":"Transcode","status":"SUCCESS","input":{"definition":true}}]}}',
                 'data.processTaskList.0.input.definition'),
                (b'{"code":0,"message":"","eventList":[{"msgHandle":"h"}]}', 'eventList.0.eventContent'),
                (b'{"code":0,"message":"","eventList":[{"msgHandle":"h","eventContent":{"version":"4.0",'
                 b'"eventType":"X"}},]}', 'eventList.1'),
                (body('procedure_state_changed_2_0.json')[:500], ''),
                (b'{"version":"4.0","eventType":"\xc3\x28"}', '')]:
            rc, out, err = run(['decode-event'], stdin)
            self.assertEqual(rc, 2, (stdin[:80], out, err))
            self.assertEqual(out, '')
            self.assertEqual(err.count('\n'), 1, err)
            self.assertTrue(err.startswith('tcvod decode-event: ' + field), (stdin[:80], err))

    def test_lenient(self):
        stdin = b'{"code":0,"message":"","eventList":[{"msgHandle":"h","eventContent":{"version":"4.0","eventType":"X",},},],}'
        self.assertEqual(run(['decode-event'], stdin)[0], 2)
        rc, out, _ = run(['decode-event', '--lenient'], stdin)
        self.assertEqual(rc, 0)
        self.assertEqual(one_line(self, out), {'msgHandle': 'h', 'format': '2.0', 'version': '4.0', 'eventType': 'X'})


def signature_of(text):
    query = text.strip().split('?', 1)[-1]
    for pair in query.split('&'):
        k, _, v = pair.partition('=')
        if k == 'Signature':
            return unquote(v)
    return None


class SignEventActions(unittest.TestCase):
    def sign(self, extra):
        return run(['sign'] + COMMON + extra, key=DOC_KEY)

    def test_dv5_confirm_event(self):
        args = ['--action', 'ConfirmEvent', 'msgHandle.0=MsgHandle1', 'msgHandle.1=MsgHandle2']
        rc, out, err = self.sign(args)
        self.assertEqual(rc, 0, err)
        self.assertEqual(signature_of(out), VECTORS['DV5']['signature'])
        self.assertTrue(out.startswith('https://vod.api.qcloud.com/v2/index.php?Action=ConfirmEvent&'))
        rc, out, _ = self.sign(['--print', 'string-to-sign'] + args)
        self.assertEqual((rc, out), (0, VECTORS['DV5']['string_to_sign'] + '\n'))

    def test_dv6_pull_event(self):
        rc, out, err = self.sign(['--action', 'PullEvent'])
        self.assertEqual(rc, 0, err)
        self.assertEqual(signature_of(out), VECTORS['DV6']['signature'])
        rc, out, _ = self.sign(['--action=PullEvent', '--print', 'string-to-sign'])
        self.assertEqual((rc, out), (0, VECTORS['DV6']['string_to_sign'] + '\n'))

    def test_confirm_event_needs_a_handle(self):
        rc, out, err = self.sign(['--action', 'ConfirmEvent'])
        self.assertEqual((rc, out), (2, ''))
        self.assertTrue(err.startswith('msgHandle.0: '), err)
        rc, _, err = self.sign(['--action', 'ConfirmEvent', 'msgHandle.0='])
        self.assertEqual(rc, 2)
        self.assertTrue(err.startswith('msgHandle.0: '), err)

    def test_pull_event_takes_no_pairs(self):
        rc, _, err = self.sign(['--action', 'PullEvent', 'msgHandle.0=x'])
        self.assertEqual(rc, 2)
        self.assertTrue(err.startswith('msgHandle.0: '), err)

    def test_unknown_action(self):
        self.assertEqual(self.sign(['--action', 'DescribeInstances'])[0], 1)
        self.assertEqual(self.sign(['Action=PullEvent'])[0], 1)

    def test_verify_round_trip(self):
        for extra, expected in [
                (['--action', 'PullEvent'], {'Action': 'PullEvent'}),
                (['--action', 'ConfirmEvent', 'msgHandle.0=a b+c', 'msgHandle.1=不'],
                 {'Action': 'ConfirmEvent', 'msgHandle': ['a b+c', '不']})]:
            rc, url, err = self.sign(extra)
            self.assertEqual(rc, 0, err)
            rc, out, err = run(['verify'], url.encode(), key=DOC_KEY)
            self.assertEqual(rc, 0, err)
            got = one_line(self, out)
            for k, v in expected.items():
                self.assertEqual(got[k], v)
            rc, _, _ = run(['verify'], url.encode(), key='another-secret-key-value')
            self.assertEqual(rc, 3)


if __name__ == '__main__':
    sys.argv = sys.argv[:1]
    tap_unittest.main()

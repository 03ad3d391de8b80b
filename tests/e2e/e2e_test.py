#!/usr/bin/env python3
"""End-to-end tests over real HTTP on 127.0.0.1: the mock VOD server, signed
requests from an independent signer, callbacks to a local receiver, the
PullEvent/ConfirmEvent cycle, hostile HTTP, and the two client examples.
Every test is bounded in time and in the number of requests it sends.
Usage: e2e_test.py MOCK_VOD_SERVER CLIENT_BEAST CLIENT_CURL"""
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import tap_unittest  # noqa: E402
from vod_harness import (KEY, KNOWN_FILES, SECRET_ID, Api, CallbackReceiver, MockServer,  # noqa: E402
                         form_encode, raw_exchange)

SERVER, CLIENT_BEAST, CLIENT_CURL = (sys.argv[1:4] + [None] * 3)[:3]
FAST = ['--task-step-ms', 30, '--pull-wait-ms', 300]

INPUTS = {
    'SingleFile': {'inputType': 'SingleFile', 'file.id': '14508071098244959037',
                   'file.startTimeOffset': '10', 'file.endTimeOffset': '25.5'},
    'MultiFile': {'inputType': 'MultiFile', 'fileList.0.id': '14508071098244959037',
                  'fileList.0.startTimeOffset': '30', 'fileList.0.endTimeOffset': '100',
                  'fileList.1.id': '14508071098244966759'},
    'Stream': {'inputType': 'Stream', 'stream.streamId': '12345', 'stream.startTimeStamp': '1502087538',
               'stream.endTimeStamp': '1502087638'},
    'MultiStream': {'inputType': 'MultiStream', 'streamList.0.streamId': '12345',
                    'streamList.1.streamId': '23456', 'streamList.1.startTimeStamp': '1502087538'},
    'PullFile': {'inputType': 'PullFile', 'pull.url': 'http://example.invalid/media/sample video.mp4',
                 'pull.fileName': 'sample & more', 'pull.fileMd5': 'b3ae6ed07d9bf4efeeb94ed2d37ff3e3'},
}


def request(input_type, procedure, **extra):
    params = dict(INPUTS[input_type], procedure=procedure)
    params.update(extra)
    return params


class ServerCase(unittest.TestCase):
    """Starts one server per test with the class's options."""
    options = FAST

    def setUp(self):
        self.server = MockServer(SERVER, *self.options)
        self.api = Api(self.server.port)

    def tearDown(self):
        status = self.server.stop()
        log = self.server.log()
        self.server.cleanup()
        self.assertEqual(status, 0, 'server exit status\n' + log)
        # Logging shows requests, never the key, a signature or a token.
        self.assertNotIn(KEY, log)
        for sig in self.api.sent_signatures:
            self.assertNotIn(sig, log)

    def assertCode(self, answer, code, http_status=200):
        status, body = answer
        self.assertEqual((status, body.get('code')), (http_status, code), body)
        return body


class RunProcedureSuccess(ServerCase):
    def test_every_input_type_over_get_and_post(self):
        for input_type in INPUTS:
            for method in ('GET', 'POST'):
                with self.subTest(input_type=input_type, method=method):
                    body = self.assertCode(self.api.run_procedure(
                        request(input_type, 'Proc-%s-%s' % (input_type, method), notifyMode='None'), method), 0)
                    self.assertRegex(body['vodTaskId'], r'^procedure-[0-9a-f]{32}$')
                    self.assertEqual(body['message'], '')
        # Each call is logged with its action and parameters.
        self.assertEqual(self.server.log().count('Action=RunProcedure'), 10)

    def test_hmac_sha256_and_optional_parameters(self):
        params = request('SingleFile', 'Sha256', notifyMode='None', priority='-10', SignatureMethod='HmacSHA256',
                         SubAppId='1400000001')
        self.assertCode(self.api.run_procedure(params, 'POST'), 0)

    def test_utf8_values_survive(self):
        params = request('PullFile', 'Proc 中文 &=+%/#', notifyMode='None')
        params['pull.fileName'] = '视频 a+b=c&d'
        self.assertCode(self.api.run_procedure(params, 'GET'), 0)

    def test_keep_alive_connection_serves_many_requests(self):
        import http.client
        conn = http.client.HTTPConnection('127.0.0.1', self.server.port, timeout=10)
        try:
            for i in range(3):
                p = self.api.signed('RunProcedure', request('SingleFile', 'KeepAlive%d' % i, notifyMode='None'))
                conn.request('GET', '/v2/index.php?' + form_encode(p))
                res = conn.getresponse()
                self.assertEqual(res.status, 200)
                self.assertIn(b'"code":0', res.read())
        finally:
            conn.close()


class Authentication(ServerCase):
    def test_wrong_secret_key(self):
        body = self.assertCode(self.api.run_procedure(request('SingleFile', 'P'), key='not-the-key'), 4100)
        self.assertIn('signature', body['message'])

    def test_tampered_parameter(self):
        p = self.api.signed('RunProcedure', request('SingleFile', 'P'))
        p['file.id'] = '67899'
        self.assertCode(self.api.send('GET', form_encode(p)), 4100)

    def test_post_signature_does_not_pass_as_get(self):
        p = self.api.signed('RunProcedure', request('SingleFile', 'P'), method='POST')
        self.assertCode(self.api.send('GET', form_encode(p)), 4100)

    def test_other_signed_host_fails(self):
        from vod_harness import signature
        p = self.api.common('RunProcedure')
        p.update(request('SingleFile', 'P'))
        p['Signature'] = signature(p, KEY, 'GET', host='127.0.0.1')
        self.assertCode(self.api.send('GET', form_encode(p)), 4100)

    def test_missing_signature(self):
        p = self.api.common('RunProcedure')
        p.update(request('SingleFile', 'P'))
        body = self.assertCode(self.api.send('GET', form_encode(p)), 4100)
        self.assertIn('Signature', body['message'])

    def test_unknown_secret_id(self):
        other = Api(self.server.port, secret_id='AKIDsomebodyElse')
        self.assertCode(other.run_procedure(request('SingleFile', 'P')), 4104)


class Replay(ServerCase):
    def test_replayed_nonce(self):
        p = self.api.signed('RunProcedure', request('SingleFile', 'Replay', notifyMode='None'))
        self.assertCode(self.api.send('GET', form_encode(p)), 0)
        body = self.assertCode(self.api.send('GET', form_encode(p)), 4500)
        self.assertIn('Nonce', body['message'])
        # The same Nonce in another, validly signed request is refused too.
        self.assertCode(self.api.run_procedure(request('SingleFile', 'Other'), nonce=p['Nonce']), 4500)

    def test_stale_and_future_timestamps(self):
        now = int(time.time())
        for ts in (now - 301, now + 301, 0):
            body = self.assertCode(self.api.run_procedure(request('SingleFile', 'Stale'), timestamp=ts), 4500)
            self.assertIn('Timestamp', body['message'])
        self.assertCode(self.api.run_procedure(request('SingleFile', 'Fresh', notifyMode='None'),
                                               timestamp=now - 250), 0)

    def test_failed_authentication_does_not_burn_the_nonce(self):
        p = self.api.signed('RunProcedure', request('SingleFile', 'Burn', notifyMode='None'))
        forged = dict(p, Signature='AAAAAAAAAAAAAAAAAAAAAAAAAAA=')
        self.assertCode(self.api.send('GET', form_encode(forged)), 4100)
        self.assertCode(self.api.send('GET', form_encode(p)), 0)


class NarrowTimestampWindow(ServerCase):
    options = FAST + ['--timestamp-window', 2]

    def test_configured_window(self):
        now = int(time.time())
        self.assertCode(self.api.run_procedure(request('SingleFile', 'W'), timestamp=now - 10), 4500)
        self.assertCode(self.api.run_procedure(request('SingleFile', 'W', notifyMode='None')), 0)


class RateLimit(ServerCase):
    # A window long enough that a loaded machine still sends the first four calls within it.
    options = FAST + ['--rate-limit', 3, '--rate-window-ms', 3000]

    def test_limit_reached_then_recovers(self):
        start = time.monotonic()
        for i in range(3):
            self.assertCode(self.api.run_procedure(request('SingleFile', 'Rate%d' % i, notifyMode='None')), 0)
        body = self.assertCode(self.api.run_procedure(request('SingleFile', 'Rate3', notifyMode='None')), 4400)
        self.assertIn('quota', body['message'])
        # Invalid requests count against the quota too, as the gateway counts calls.
        self.assertCode(self.api.run_procedure({'inputType': 'Nope'}), 4400)
        # Other actions have their own quota.
        self.assertCode(self.api.pull(), 0)
        time.sleep(max(0.0, 3.1 - (time.monotonic() - start)))
        self.assertCode(self.api.run_procedure(request('SingleFile', 'Rate4', notifyMode='None')), 0)

    def test_unauthenticated_calls_do_not_use_the_quota(self):
        for i in range(4):
            self.assertCode(self.api.run_procedure(request('SingleFile', 'R%d' % i), key='wrong'), 4100)
        self.assertCode(self.api.run_procedure(request('SingleFile', 'Real', notifyMode='None')), 0)


class Validation(ServerCase):
    def test_unknown_file(self):
        body = self.assertCode(self.api.run_procedure(dict(request('SingleFile', 'U'), **{'file.id': '999'})), 10008)
        self.assertIn('file.id', body['message'])
        multi = dict(request('MultiFile', 'U'), **{'fileList.1.id': '404'})
        body = self.assertCode(self.api.run_procedure(multi, 'POST'), 10008)
        self.assertIn('fileList.1.id', body['message'])

    def test_every_known_file(self):
        for i, file_id in enumerate(KNOWN_FILES):
            params = dict(request('SingleFile', 'Known%d' % i, notifyMode='None'), **{'file.id': file_id})
            self.assertCode(self.api.run_procedure(params), 0)

    def test_duplicate_procedure_on_the_same_input(self):
        self.assertCode(self.api.run_procedure(request('MultiFile', 'Dup', notifyMode='None')), 0)
        # notifyMode and priority do not make it a different task; the method does not either.
        body = self.assertCode(self.api.run_procedure(request('MultiFile', 'Dup', priority='5'), 'POST'), 50005)
        self.assertIn('same procedure', body['message'])
        self.assertCode(self.api.run_procedure(request('MultiFile', 'Dup2', notifyMode='None')), 0)
        other_input = dict(request('MultiFile', 'Dup', notifyMode='None'), **{'fileList.0.endTimeOffset': '99'})
        self.assertCode(self.api.run_procedure(other_input), 0)

    def test_invalid_parameters_name_the_field(self):
        cases = [
            ({'inputType': 'MultiFile', 'procedure': 'P'}, 'fileList.0.id'),
            (request('SingleFile', 'P', notifyMode='Sometimes'), 'notifyMode'),
            (request('SingleFile', 'P', priority='11'), 'priority'),
            (request('Stream', 'P', **{'stream.endTimeStamp': '1'}), 'stream.endTimeStamp'),
            (dict(request('SingleFile', 'P'), **{'fileList.0.id': '12345'}), 'fileList'),
            (request('SingleFile', ''), 'procedure'),
            (request('SingleFile', 'P', colour='blue'), 'colour'),
            (request('PullFile', 'P', **{'pull.url': 'ftp://x/y'}), 'pull.url'),
        ]
        for params, field in cases:
            with self.subTest(field=field):
                body = self.assertCode(self.api.run_procedure(params), 4000)
                self.assertIn(field, body['message'])

    def test_unknown_or_missing_action(self):
        self.assertCode(self.api.call('DeleteEverything', {}), 4000)
        p = self.api.signed('RunProcedure', request('SingleFile', 'P'))
        del p['Action']
        self.assertCode(self.api.send('GET', form_encode(p)), 4100)  # the signature covered Action


class MalformedInput(ServerCase):
    def assertStillServing(self):
        self.assertCode(self.api.run_procedure(request('SingleFile', 'Alive%d' % time.monotonic_ns(),
                                                       notifyMode='None')), 0)

    def test_garbage_request_line(self):
        for data in (b'GARBAGE\r\n\r\n', b'\x00\xff\xfe\r\n\r\n', b'GET / HTTP/9.9\r\n\r\n',
                     b'GET /v2/index.php HTTP/1.1\r\nHost\r\n\r\n'):
            with self.subTest(data=data):
                answer = raw_exchange(self.server.port, data)
                self.assertTrue(answer.startswith(b'HTTP/1.1 400 '), answer)
                self.assertIn(b'"code":4000', answer)
        self.assertStillServing()

    def test_oversized_header_and_body(self):
        big_header = b'GET /v2/index.php HTTP/1.1\r\nHost: x\r\nX-Big: ' + b'a' * 20000 + b'\r\n\r\n'
        self.assertTrue(raw_exchange(self.server.port, big_header).startswith(b'HTTP/1.1 431 '))
        big_body = (b'POST /v2/index.php HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n'
                    b'Content-Length: 3000000\r\n\r\n')
        self.assertTrue(raw_exchange(self.server.port, big_body).startswith(b'HTTP/1.1 413 '))
        self.assertStillServing()

    def test_bad_chunked_body_and_truncated_request(self):
        chunked = (b'POST /v2/index.php HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n'
                   b'zz\r\nhello\r\n0\r\n\r\n')
        self.assertTrue(raw_exchange(self.server.port, chunked).startswith(b'HTTP/1.1 400 '))
        truncated = b'POST /v2/index.php HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nAction=Run'
        with socket.create_connection(('127.0.0.1', self.server.port), timeout=5) as s:
            s.sendall(truncated)
            s.shutdown(socket.SHUT_WR)
            self.assertEqual(s.recv(100), b'')  # nobody to answer: the server just closes
        self.assertStillServing()

    def test_wrong_path_and_method(self):
        answer = raw_exchange(self.server.port, b'GET /v3/other HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
        self.assertTrue(answer.startswith(b'HTTP/1.1 404 '), answer)
        answer = raw_exchange(self.server.port, b'PUT /v2/index.php HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n'
                                                b'Connection: close\r\n\r\n')
        self.assertTrue(answer.startswith(b'HTTP/1.1 405 '), answer)
        self.assertIn(b'Allow: GET, POST', answer)
        self.assertStillServing()

    def test_malformed_bodies(self):
        good = form_encode(self.api.signed('RunProcedure', request('SingleFile', 'P'), method='POST'))
        cases = [
            ('application/json', '{"Action": "RunProcedure"}'),
            ('multipart/form-data; boundary=x', good),
            ('application/x-www-form-urlencoded', 'Action=Run%zzProcedure&a=1'),
            ('application/x-www-form-urlencoded', good + '&Nonce=7'),  # duplicate key
            ('application/x-www-form-urlencoded', 'Action=RunProcedure&file_id=1'),
            ('application/x-www-form-urlencoded', '&&&==&'),
            ('application/x-www-form-urlencoded', 'a=\x7f\x01'),
        ]
        for content_type, body in cases:
            with self.subTest(content_type=content_type, body=body[:30]):
                status, answer = self.api.send('POST', body, content_type=content_type)
                self.assertEqual(status, 200)
                self.assertIn(answer['code'], (4000, 4100), answer)
        self.assertCode(self.api.send('POST', '', content_type='application/x-www-form-urlencoded'), 4100)
        self.assertStillServing()

    def test_stalled_connections_do_not_block_others(self):
        stalled = [socket.create_connection(('127.0.0.1', self.server.port), timeout=5) for _ in range(5)]
        try:
            for s in stalled:
                s.sendall(b'GET /v2/index.php HTTP/1.1\r\nHost: x\r\n')  # and never finish
            self.assertStillServing()
        finally:
            for s in stalled:
                s.close()


class IdleTimeout(ServerCase):
    options = FAST + ['--idle-timeout-ms', 300]

    def test_incomplete_request_times_out(self):
        with socket.create_connection(('127.0.0.1', self.server.port), timeout=5) as s:
            s.sendall(b'GET /v2/index.php HTTP/1.1\r\nHost: x\r\n')
            start = time.monotonic()
            answer = s.recv(1000)
            self.assertLess(time.monotonic() - start, 3)
            self.assertTrue(answer.startswith(b'HTTP/1.1 408 '), answer)


def check_procedure_event(test, event, task_id, status):
    """A ProcedureStateChanged event in the 2.0 layout, as documented."""
    test.assertEqual((event['version'], event['eventType']), ('4.0', 'ProcedureStateChanged'))
    data = event['data']
    test.assertEqual((data['vodTaskId'], data['status'], data['errCode']), (task_id, status, 0))
    test.assertRegex(data['fileId'], r'^\d+$')
    test.assertIn('duration', data['metaData'])
    for task in data['processTaskList']:
        test.assertIn(task['taskType'], ('PullFile', 'Transcode', 'CoverBySnapshot'))
        test.assertIn(task['status'], ('PROCESSING', 'SUCCESS'))
        test.assertEqual('output' in task, task['status'] == 'SUCCESS')
    return data


class Callbacks(ServerCase):
    def setUp(self):
        self.receiver = CallbackReceiver()
        self.options = FAST + ['--callback', self.receiver.url]
        super().setUp()

    def tearDown(self):
        super().tearDown()
        self.receiver.stop()

    def submit(self, input_type, mode):
        body = self.assertCode(self.api.run_procedure(request(input_type, 'Cb' + input_type + mode,
                                                              notifyMode=mode)), 0)
        return body['vodTaskId']

    def test_finish_sends_one_event(self):
        task_id = self.submit('SingleFile', 'Finish')
        (event,) = self.receiver.take(1, timeout=5)
        data = check_procedure_event(self, event, task_id, 'FINISH')
        self.assertEqual(data['fileId'], INPUTS['SingleFile']['file.id'])
        self.assertEqual(data['metaData']['duration'], 15.5)  # the clip 10 .. 25.5
        self.assertEqual([t['status'] for t in data['processTaskList']], ['SUCCESS'] * 3)
        time.sleep(0.3)
        self.assertTrue(self.receiver.bodies.empty(), 'Finish sends exactly one event')

    def test_change_sends_one_event_per_state_change(self):
        task_id = self.submit('PullFile', 'Change')
        events = self.receiver.take(4, timeout=5)  # PullFile, Transcode 10, Transcode 20, CoverBySnapshot
        statuses = [check_procedure_event(self, e, task_id, s)['status']
                    for e, s in zip(events, ['PROCESSING'] * 3 + ['FINISH'])]
        self.assertEqual(statuses, ['PROCESSING', 'PROCESSING', 'PROCESSING', 'FINISH'])
        done = [sum(t['status'] == 'SUCCESS' for t in e['data']['processTaskList']) for e in events]
        self.assertEqual(done, [1, 2, 3, 4])
        pull = events[-1]['data']['processTaskList'][0]
        self.assertEqual(pull['taskType'], 'PullFile')
        self.assertEqual(pull['input']['url'], INPUTS['PullFile']['pull.url'])
        self.assertEqual(pull['input']['fileName'], INPUTS['PullFile']['pull.fileName'])
        self.assertEqual(pull['output']['fileId'], events[-1]['data']['fileId'])
        time.sleep(0.3)
        self.assertTrue(self.receiver.bodies.empty())

    def test_none_sends_nothing_and_tasks_stay_apart(self):
        self.submit('Stream', 'None')
        finish_id = self.submit('MultiStream', 'Finish')
        (event,) = self.receiver.take(1, timeout=5)
        check_procedure_event(self, event, finish_id, 'FINISH')
        time.sleep(0.4)
        self.assertTrue(self.receiver.bodies.empty(), 'notifyMode None sends no callback')

    def test_callbacks_decode_with_the_library(self):
        task_id = self.submit('MultiFile', 'Change')
        self.receiver.take(3, timeout=5)
        # The same events are offered through PullEvent; tcvod's decoder reads
        # them in the client examples (ClientExamples below).
        status, body = self.api.pull()
        self.assertEqual(status, 200)
        self.assertEqual([e['eventContent']['data']['vodTaskId'] for e in body['eventList']], [task_id] * 3)


class UnreachableCallback(ServerCase):
    options = FAST + ['--callback', 'http://127.0.0.1:9/nobody-listens', '--callback-timeout-ms', 200]

    def test_delivery_failure_is_logged_and_pull_still_works(self):
        self.assertCode(self.api.run_procedure(request('SingleFile', 'NoReceiver')), 0)
        status, body = self.api.pull()
        self.assertEqual(len(body['eventList']), 1)
        deadline = time.monotonic() + 5
        while 'not delivered after 3 attempts' not in self.server.log() and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertIn('not delivered after 3 attempts', self.server.log())


class PullAndConfirm(ServerCase):
    # The handle lifetime is several long polls long, so that "not yet expired"
    # holds even on a loaded machine.
    TTL = 1.5
    options = ['--task-step-ms', 20, '--pull-wait-ms', 300, '--handle-ttl-ms', int(TTL * 1000)]

    def pull(self):
        return self.assertCode(self.api.pull(), 0)['eventList']

    def test_pull_then_confirm(self):
        task_id = self.assertCode(self.api.run_procedure(request('SingleFile', 'PC')), 0)['vodTaskId']
        events = self.pull()  # long poll: returns when the event is ready
        self.assertEqual(len(events), 1)
        self.assertRegex(events[0]['msgHandle'], r'^MsgHandle-')
        check_procedure_event(self, events[0]['eventContent'], task_id, 'FINISH')
        self.assertCode(self.api.confirm([events[0]['msgHandle']]), 0)
        start = time.monotonic()
        self.assertEqual(self.pull(), [])
        self.assertGreaterEqual(time.monotonic() - start, 0.28, 'an empty pull waits for the long-poll time')
        time.sleep(self.TTL)  # past the handle lifetime: a confirmed event never comes back
        self.assertEqual(self.pull(), [])
        # Confirming twice is an error: the handle is gone.
        self.assertCode(self.api.confirm([events[0]['msgHandle']]), 4000)

    def test_unconfirmed_event_comes_back_after_its_handle_expires(self):
        task_id = self.assertCode(self.api.run_procedure(request('SingleFile', 'Expire')), 0)['vodTaskId']
        (first,) = self.pull()
        leased = time.monotonic()
        self.assertEqual(self.pull(), [], 'a leased event is not handed out twice')
        time.sleep(max(0.0, leased + self.TTL + 0.05 - time.monotonic()))
        (again,) = self.pull()
        self.assertNotEqual(again['msgHandle'], first['msgHandle'])
        self.assertEqual(again['eventContent'], first['eventContent'])
        check_procedure_event(self, again['eventContent'], task_id, 'FINISH')
        body = self.assertCode(self.api.confirm([first['msgHandle']]), 4000)
        self.assertIn('msgHandle.0', body['message'])
        self.assertCode(self.api.confirm([again['msgHandle']]), 0)

    def test_confirm_many_handles_and_report_the_dead_one(self):
        for i in range(3):
            self.assertCode(self.api.run_procedure(request('MultiStream', 'Many%d' % i)), 0)
        handles, deadline = [], time.monotonic() + 5
        while len(handles) < 3 and time.monotonic() < deadline:
            handles += [e['msgHandle'] for e in self.pull()]
        self.assertEqual(len(handles), 3)
        body = self.assertCode(self.api.confirm([handles[0], 'MsgHandle-bogus', handles[1]], method='POST'), 4000)
        self.assertIn('msgHandle.1', body['message'])
        self.assertCode(self.api.confirm([handles[2]]), 0)
        time.sleep(self.TTL)
        self.assertEqual(self.pull(), [], 'the live handles were confirmed despite the bogus one')

    def test_event_requests_are_validated(self):
        self.assertCode(self.api.call('ConfirmEvent', {}), 4000)
        self.assertCode(self.api.call('PullEvent', {'fileId': '1'}), 4000)
        self.assertCode(self.api.call('PullEvent', {}, key='wrong'), 4100)

    def test_a_waiting_pull_returns_when_an_event_arrives(self):
        slow = MockServer(SERVER, '--task-step-ms', 150, '--pull-wait-ms', 3000)
        try:
            api = Api(slow.port)
            self.assertEqual(api.run_procedure(request('SingleFile', 'Wait', notifyMode='Change'))[1]['code'], 0)
            start = time.monotonic()
            status, body = api.pull()
            elapsed = time.monotonic() - start
            self.assertEqual(len(body['eventList']), 1)
            self.assertLess(elapsed, 2.5)  # the event comes after 150 ms; the poll would end at 3 s
            self.assertGreater(elapsed, 0.05)
        finally:
            self.assertEqual(slow.stop(), 0)
            slow.cleanup()


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class ClientExamples(unittest.TestCase):
    """The two client examples run the whole flow against the mock: submit
    every inputType, decode answers and events with tcvod, confirm."""

    def run_client(self, exe, server, *args, key=KEY):
        env = dict(os.environ, TCVOD_SECRET_KEY=key)
        p = subprocess.run([exe, '--url', server.url, '--secret-id', SECRET_ID, '--timeout-ms', '15000'] +
                           [str(a) for a in args], env=env, capture_output=True, timeout=60)
        out = p.stdout.decode()
        self.assertNotIn(KEY, out + p.stderr.decode())
        return p.returncode, out, p.stderr.decode()

    def test_beast_client_with_callbacks_and_pull(self):
        port = free_port()
        server = MockServer(SERVER, *FAST, '--callback', 'http://127.0.0.1:%d/callback' % port)
        try:
            rc, out, err = self.run_client(CLIENT_BEAST, server, '--callback-listen', port)
            self.assertEqual(rc, 0, out + err)
            self.assertIn('[beast] OK: 5/5 task(s) accepted, 10 event(s) pulled, 10 confirmed, 10 callback(s)', out)
            for input_type in INPUTS:
                self.assertIn('RunProcedure %s over' % input_type, out)
            self.assertIn('code 10008 (File does not exist, not_found)', out)
            self.assertEqual(out.count('finished: yes'), 5)
            self.assertNotIn('Signature=', out.replace('Signature=(elided)', ''))
        finally:
            self.assertEqual(server.stop(), 0)
            log = server.log()
            server.cleanup()
        self.assertEqual(log.count('delivered, HTTP 200'), 10, log)

    def test_curl_client_with_pull(self):
        server = MockServer(SERVER, *FAST)
        try:
            rc, out, err = self.run_client(CLIENT_CURL, server, '--notify-mode', 'Change', '--procedure', 'Curl')
            self.assertEqual(rc, 0, out + err)
            # Change everywhere: 3 events per task, 4 for PullFile.
            self.assertIn('[curl] OK: 5/5 task(s) accepted, 16 event(s) pulled, 16 confirmed, 0 callback(s)', out)
        finally:
            self.assertEqual(server.stop(), 0)
            server.cleanup()

    def test_both_clients_against_one_server(self):
        server = MockServer(SERVER, *FAST)
        try:
            rc, out, _ = self.run_client(CLIENT_CURL, server, '--procedure', 'First')
            self.assertEqual(rc, 0, out)
            # The same procedure on the same inputs again: 50005, decoded as a conflict.
            rc, out, _ = self.run_client(CLIENT_BEAST, server, '--procedure', 'First', '--timeout-ms', 1000)
            self.assertEqual(rc, 1)
            self.assertIn('code 50005 (A task with the same procedure already exists, conflict)', out)
            rc, out, _ = self.run_client(CLIENT_BEAST, server, '--procedure', 'Second')
            self.assertEqual(rc, 0, out)
        finally:
            self.assertEqual(server.stop(), 0)
            server.cleanup()

    def test_wrong_key_is_reported_not_hidden(self):
        server = MockServer(SERVER, *FAST)
        try:
            rc, out, _ = self.run_client(CLIENT_CURL, server, '--timeout-ms', 500, key='not-the-key')
            self.assertEqual(rc, 1)
            self.assertIn('code 4100 (Authentication failed', out)
            self.assertIn('FAILED', out)
        finally:
            self.assertEqual(server.stop(), 0)
            server.cleanup()

    def test_clients_refuse_non_loopback_urls(self):
        for exe in (CLIENT_BEAST, CLIENT_CURL):
            for url in ('http://example.com/v2/index.php', 'https://127.0.0.1/v2/index.php', 'http://10.0.0.1/'):
                p = subprocess.run([exe, '--url', url], env=dict(os.environ, TCVOD_SECRET_KEY=KEY),
                                   capture_output=True, timeout=10)
                self.assertEqual(p.returncode, 2, (exe, url))
                self.assertIn(b'loopback', p.stderr + p.stdout)


class Lifecycle(unittest.TestCase):
    def test_sigint_and_sigterm_stop_cleanly_with_open_connections(self):
        for sig in (signal.SIGINT, signal.SIGTERM):
            server = MockServer(SERVER, '--pull-wait-ms', 20000)
            try:
                api = Api(server.port)
                idle = socket.create_connection(('127.0.0.1', server.port), timeout=5)
                poller = threading.Thread(target=lambda: api.pull(timeout=30))
                poller.start()
                time.sleep(0.3)  # the long poll is waiting now
                start = time.monotonic()
                self.assertEqual(server.stop(sig), 0)
                self.assertLess(time.monotonic() - start, 5)
                poller.join(5)
                self.assertFalse(poller.is_alive())
                idle.close()
                self.assertIn('stopped', server.log())
            finally:
                server.cleanup()

    def test_refuses_bad_options(self):
        for args in (['--callback', 'http://example.com/cb'], ['--callback', 'https://127.0.0.1/cb'],
                     ['--rate-limit', '0'], ['--port', 'x'], ['--bogus', '1']):
            with self.subTest(args=args):
                p = subprocess.run([SERVER] + args, env=dict(os.environ, TCVOD_SECRET_KEY=KEY),
                                   capture_output=True, timeout=10)
                self.assertEqual(p.returncode, 1)
                self.assertEqual(p.stdout, b'')
        env = {k: v for k, v in os.environ.items() if k != 'TCVOD_SECRET_KEY'}
        p = subprocess.run([SERVER], env=env, capture_output=True, timeout=10)
        self.assertEqual(p.returncode, 1)
        self.assertIn(b'TCVOD_SECRET_KEY', p.stderr)


if __name__ == '__main__':
    tap_unittest.main()

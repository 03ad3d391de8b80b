"""Test harness for the mock VOD server: start and stop it, sign requests
with an independent implementation of the API 2.0 v1 signature (not
tcvod's), send them over real HTTP on 127.0.0.1, and receive callbacks.
Every socket here is on the loopback interface."""
import base64
import hashlib
import hmac
import http.client
import http.server
import json
import os
import queue
import random
import select
import signal
import socket
import subprocess
import tempfile
import threading
import time
from urllib.parse import quote

KEY = 'e2e-secret-key-Gu5t9xGARNpq86cd'
SECRET_ID = 'AKIDe2eTestSecretId0000000000000000'
SIGN_HOST = 'vod.api.qcloud.com'
PATH = '/v2/index.php'
KNOWN_FILES = ['14508071098244959037', '14508071098244966759', '12345', '67899']


def string_to_sign(params, method, host=SIGN_HOST, path=PATH):
    pairs = sorted((k, str(v)) for k, v in params.items() if k != 'Signature')
    return method + host + path + '?' + '&'.join('%s=%s' % kv for kv in pairs)


def signature(params, key, method, host=SIGN_HOST):
    digest = hashlib.sha256 if params.get('SignatureMethod') == 'HmacSHA256' else hashlib.sha1
    mac = hmac.new(key.encode(), string_to_sign(params, method, host).encode(), digest)
    return base64.b64encode(mac.digest()).decode()


def form_encode(params):
    enc = lambda s: quote(str(s), safe='-_.~')  # RFC 3986 unreserved
    return '&'.join(enc(k) + '=' + enc(v) for k, v in params.items())


_nonce_lock = threading.Lock()
_next_nonce = [random.randint(1, 1 << 30)]


def fresh_nonce():
    with _nonce_lock:
        _next_nonce[0] += 1
        return _next_nonce[0]


class MockServer:
    """mock_vod_server as a child process. The first stdout line gives the
    port; the request log (stderr) goes to a file the tests can read."""

    def __init__(self, exe, *args, key=KEY, secret_id=SECRET_ID):
        self.log_file = tempfile.NamedTemporaryFile(prefix='mock-vod-', suffix='.log', delete=False)
        env = dict(os.environ, TCVOD_SECRET_KEY=key)
        cmd = [exe, '--secret-id', secret_id] + [str(a) for a in args]
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=self.log_file)
        ready, _, _ = select.select([self.proc.stdout], [], [], 10)
        if not ready:
            self.proc.kill()
            raise RuntimeError('mock server did not start in 10 s')
        first = self.proc.stdout.readline().decode()
        prefix = 'listening on http://127.0.0.1:'
        if not first.startswith(prefix):
            self.proc.kill()
            raise RuntimeError('unexpected first line: %r' % first)
        self.port = int(first[len(prefix):])
        self.url = 'http://127.0.0.1:%d%s' % (self.port, PATH)

    def stop(self, sig=signal.SIGTERM, timeout=10):
        """Signals the server; returns its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError('server did not stop within %d s of signal %d' % (timeout, sig))
        finally:
            self.proc.stdout.close()

    def log(self):
        with open(self.log_file.name, encoding='utf-8', errors='replace') as f:
            return f.read()

    def cleanup(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.log_file.close()
        os.unlink(self.log_file.name)


class Api:
    """Signed API 2.0 calls to a mock server."""

    def __init__(self, port, key=KEY, secret_id=SECRET_ID):
        self.port, self.key, self.secret_id = port, key, secret_id
        self.sent_signatures = []

    def common(self, action, timestamp=None, nonce=None):
        return {'Action': action, 'Region': 'gz', 'SecretId': self.secret_id,
                'Timestamp': int(time.time()) if timestamp is None else timestamp,
                'Nonce': fresh_nonce() if nonce is None else nonce}

    def signed(self, action, params, method='GET', key=None, **common):
        p = self.common(action, **common)
        p.update(params)
        p['Signature'] = signature(p, key or self.key, method)
        self.sent_signatures.append(p['Signature'])
        return p

    def call(self, action, params=None, method='GET', key=None, timeout=15, **common):
        """Returns (HTTP status, decoded JSON body)."""
        p = self.signed(action, params or {}, method, key, **common)
        return self.send(method, form_encode(p), timeout)

    def send(self, method, encoded, timeout=15, content_type='application/x-www-form-urlencoded'):
        conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=timeout)
        try:
            if method == 'GET':
                conn.request('GET', PATH + '?' + encoded)
            else:
                conn.request(method, PATH, body=encoded.encode(), headers={'Content-Type': content_type})
            res = conn.getresponse()
            body = res.read()
            return res.status, json.loads(body)
        finally:
            conn.close()

    def run_procedure(self, params, method='GET', **kw):
        return self.call('RunProcedure', params, method, **kw)

    def pull(self, **kw):
        return self.call('PullEvent', {}, **kw)

    def confirm(self, handles, **kw):
        return self.call('ConfirmEvent', {'msgHandle.%d' % i: h for i, h in enumerate(handles)}, **kw)


def raw_exchange(port, data, timeout=5):
    """Sends raw bytes, returns everything the server answers before it
    closes (or the timeout)."""
    with socket.create_connection(('127.0.0.1', port), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except socket.timeout:
            pass
        return b''.join(chunks)


class CallbackReceiver:
    """Collects the JSON bodies POSTed to http://127.0.0.1:PORT/callback."""

    def __init__(self):
        self.bodies = queue.Queue()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get('Content-Length', 0))
                receiver.bodies.put((self.path, self.headers.get('Content-Type'), self.rfile.read(length)))
                self.send_response(200)
                self.send_header('Content-Length', '0')
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.url = 'http://127.0.0.1:%d/callback' % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def take(self, count, timeout):
        """Exactly `count` bodies (decoded JSON) within `timeout` seconds."""
        out, deadline = [], time.monotonic() + timeout
        while len(out) < count:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError('got %d callbacks, expected %d' % (len(out), count))
            try:
                path, content_type, body = self.bodies.get(timeout=left)
            except queue.Empty:
                continue
            assert path == '/callback', path
            assert content_type.startswith('application/json'), content_type
            out.append(json.loads(body))
        return out

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

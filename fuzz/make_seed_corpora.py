#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/<target>/ from the test vectors
(tests/vectors/signature_vectors.txt), the API page's documented examples,
the decoder tests' malformed cases and deterministic generated requests.
Deterministic: rerunning it rewrites the same files. Inputs that the
fuzzers found later (merged with `fuzz/run TARGET SECONDS --merge`) live
next to these seeds under their SHA-1 names."""
import base64
import hashlib
import hmac
import os
import random
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FUZZ_KEY = 'fuzzing secret key'   # the key fuzz_query_decode verifies with
DOC_KEY = 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA'
DOC_COMMON = [('Action', 'RunProcedure'), ('Nonce', '11886'), ('Region', 'gz'),
              ('SecretId', 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA'), ('Timestamp', '1465185768')]


def write(target, name, data):
    folder = os.path.join(HERE, 'corpus', target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(folder, 'seed-' + name), 'wb') as f:
        f.write(data)


def encode(value):
    return urllib.parse.quote(value, safe='-_.~')


def signed_query(params, key, method='GET', host='vod.api.qcloud.com', path='/v2/index.php'):
    params = sorted(params)
    text = method + host + path + '?' + '&'.join(k + '=' + v for k, v in params)
    names = dict(params)
    digest = hashlib.sha256 if names.get('SignatureMethod') == 'HmacSHA256' else hashlib.sha1
    signature = base64.b64encode(hmac.new(key.encode(), text.encode(), digest).digest()).decode()
    return '&'.join(k + '=' + encode(v) for k, v in sorted(params + [('Signature', signature)]))


def vectors():
    blocks, current = [], None
    with open(os.path.join(ROOT, 'tests', 'vectors', 'signature_vectors.txt'), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('['):
                current = {'name': line[1:-1], 'params': []}
                blocks.append(current)
            elif line.startswith('param: '):
                k, _, v = line[len('param: '):].partition('=')
                current['params'].append((k, v))
            elif line.startswith('key: '):
                current['key'] = line[len('key: '):]
            elif line.startswith('endpoint: '):
                current['endpoint'] = line[len('endpoint: '):].split(' ')
            elif line.startswith('wire: '):
                current['wire'] = line[len('wire: '):]
    return blocks


# The API page's examples (protocol-notes 8.3), '10.0' offsets as written.
EXAMPLES = {
    'single-file': [('inputType', 'SingleFile'), ('file.id', '14508071098244959037'),
                    ('file.startTimeOffset', '10.0'), ('file.endTimeOffset', '25.0'), ('procedure', 'SomeProcedure')],
    'multi-file': [('inputType', 'MultiFile'), ('fileList.0.id', '14508071098244959037'),
                   ('fileList.0.startTimeOffset', '30.0'), ('fileList.0.endTimeOffset', '100.0'),
                   ('fileList.1.id', '14508071098244966759'), ('fileList.1.startTimeOffset', '300.0'),
                   ('fileList.1.endTimeOffset', '400.0'), ('procedure', 'SomeProcedure')],
    'stream': [('inputType', 'Stream'), ('stream.streamId', '12345'), ('stream.startTimeStamp', '15020876530'),
               ('stream.endTimeStamp', '15020876650'), ('procedure', 'SomeProcedure')],
    'stream-doc-erratum': [('inputType', 'Stream'), ('stream.streamId', '12345'),
                           ('stream.startTimeStamp', '15020876538'), ('stream.endTimeStamp', '1502087638'),
                           ('procedure', 'SomeProcedure')],
    'multi-stream': [('inputType', 'MultiStream'), ('streamList.0.streamId', '12345'),
                     ('streamList.1.streamId', '23456'), ('procedure', 'SomeProcedure')],
    'pull-file-doc-erratum': [('inputType', 'PullFile'), ('url', 'http://cloud.tencent.com/sample_video/sample.mp4'),
                              ('fileName', 'testVideo'), ('procedure', 'SomeProcedure')],
    'pull-file': [('inputType', 'PullFile'), ('pull.url', 'http://cloud.tencent.com/sample_video/sample.mp4'),
                  ('pull.fileName', 'testVideo'), ('pull.fileMd5', 'b3ae6ed07d9bf4efeeb94ed2d37ff3e3'),
                  ('pull.classId', '0'), ('procedure', 'SomeProcedure'), ('notifyMode', 'Finish'),
                  ('priority', '10')],
    'multi-file-endTime-erratum': [('inputType', 'MultiFile'), ('fileList.0.id', '12345'),
                                   ('fileList.0.endTime', '100'), ('procedure', 'SomeProcedure')],
}

# From the decoder tests: each is refused with a precise error.
MALFORMED = ['a=%', 'a=%2', 'a=%zz', 'a=%2G', 'a=1&b=%%41', 'a%=1', 'a=x%', 'a=b c', 'a=\xe6\xb5\x8b', 'a=<',
             'a="', 'a=#x', 'a=\x01', 'a=1&b=2&a=3', 'a=1&a%2E=2&a.=3', 'a=1&&b=2', '=1', '',
             '?a=%E6%B5%8B%e8%af%95&b=x+y%2Bz&c=&d&e=%26%3D', 'file_id=1', 'fileList.01.id=1',
             'fileList.1000.id=1', 'fileList.x.id=1', 'priority=+1', 'priority=-0', 'Nonce=99999999999999999999',
             'file.startTimeOffset=1e3', 'SignatureMethod=HmacSHA512']

# Response bodies (protocol-notes 6.1, quirks Q2 and Q13) and malformed ones.
RESPONSES = {
    'run-procedure': '{\n    "code": 0,\n    "message": "",\n    "vodTaskId": "procedure-7a2229a8f1957bfce08ba733fbfd4a3c"\n}',
    'run-procedure-trailing-comma': '{"code": 0, "message": "", "vodTaskId": "procedure-7a2229a8f1957bfce08ba733fbfd4a3c",}',
    'module-code-string': '{ "code": "5100", "message": "(100004)projectId不正确" }',
    'auth-failure': '{ "code": 4100, "message": "\\u9274\\u6743\\u5931\\u8d25", "codeDesc": "AuthFailure" }',
    'invalid-parameter': '{ "code": 4000, "message": "请求失败", "codeDesc": "InvalidParameter" }',
    'surrogate-pair': '{"code":0,"message":"\\ud83c\\udfac","codeDesc":null,"vodTaskId":null}',
    'unknown-members': '{"code":1000,"message":"x","extra":{"a":[1,2,{"b":null}]},"n":-1.5e300}',
    'huge-code': '{"code":99999999999999999999,"message":""}',
    'code-fraction': '{"code":10.0,"message":""}',
    'wrong-types': '{"code":true,"message":5}',
    'truncated': '{"code":0,"mess',
    'deep': '{"code":0,"message":"","x":' + '[' * 100 + ']' * 100 + '}',
    'empty': '',
    'not-object': '[0]',
    'invalid-utf8': b'{"code":0,"message":"\xff"}',
}

# Event layouts the documented bodies do not show (protocol-notes 11, Q8-Q12, Q19).
EVENTS = {
    'version-number': '{"version":4,"eventType":"ProcedureStateChanged","data":{"status":"FINISH","errCode":0,'
                      '"message":"","fileId":"5285890781763144364","processTaskList":[]}}',
    'other-event-type': '{"version":"4.0","eventType":"NewFileUpload","data":{"fileId":"1","a":[1,2.5,"x",null]}}',
    'v3-layout': '{"EventType":"ProcedureStateChanged","ProcedureStateChangeEvent":{"TaskId":"t","Status":"FINISH",'
                 '"ErrCode":0,"Message":"","FileId":"1"}}',
    'pull-empty': '{"code":0,"message":"","eventList":[]}',
    'pull-error': '{"code":4000,"message":"x","codeDesc":"InvalidParameter"}',
    'pull-trailing-comma': '{"code":0,"message":"","eventList":[{"msgHandle":"h","eventContent":'
                           '{"version":"4.0","eventType":"FileDeleted","data":{},},},],}',
}

PIECES = ['a', 'Z', '9', '-', '_', '.', '~', ' ', '&', '=', '#', '+', '%', '/', '?', '%2B', '测', '试', '🎬',
          '(', '{', ',', "'", '"', '\\', '\t', '@']


def generated_request(rng):
    def text():
        return ''.join(rng.choice(PIECES) for _ in range(rng.randint(1, 16)))

    def offset():
        return rng.choice([str(rng.randint(0, 100000)), '%d.%d' % (rng.randint(0, 3600), rng.randint(1, 999)), '0.5'])

    kind = rng.choice(['SingleFile', 'MultiFile', 'Stream', 'MultiStream', 'PullFile'])
    p = [('inputType', kind), ('procedure', text())]
    if kind == 'SingleFile':
        p += [('file.id', str(rng.randint(1, 2**63))), ('file.startTimeOffset', '10'), ('file.endTimeOffset', '25.5')]
    elif kind == 'MultiFile':
        for i in range(rng.choice([2, 12, 25])):
            p.append(('fileList.%d.id' % i, text()))
            if rng.random() < 0.5:
                p.append(('fileList.%d.startTimeOffset' % i, offset()))
    elif kind == 'Stream':
        p += [('stream.streamId', text()), ('stream.startTimeStamp', '15020876530'),
              ('stream.endTimeStamp', '15020876650')]
    elif kind == 'MultiStream':
        for i in range(rng.choice([1, 11])):
            p.append(('streamList.%d.streamId' % i, text()))
    else:
        p += [('pull.url', 'https://cloud.tencent.com/a b/测试.mp4?x=1&y=2'), ('pull.fileName', text())]
    if rng.random() < 0.5:
        p.append(('notifyMode', rng.choice(['Finish', 'Change', 'None'])))
    if rng.random() < 0.5:
        p.append(('priority', str(rng.randint(-10, 10))))
    common = [('Action', 'RunProcedure'), ('Nonce', str(rng.randint(1, 2**63 - 1))), ('Region', 'ap-guangzhou'),
              ('SecretId', 'AKID' + str(rng.randint(0, 2**30))), ('Timestamp', str(rng.randint(0, 4102444800)))]
    if rng.random() < 0.5:
        common.append(('SignatureMethod', 'HmacSHA256'))
    if rng.random() < 0.3:
        common.append(('Token', text()))
    if rng.random() < 0.3:
        common.append(('SubAppId', str(rng.randint(1, 2**40))))
    return common + p


def query_seeds():
    out = {}
    for v in vectors():
        method, host, path = v['endpoint']
        out['vector-' + v['name']] = v.get('wire') or signed_query(v['params'], v['key'], method, host, path)
    for name, params in EXAMPLES.items():
        out['example-' + name] = signed_query(DOC_COMMON + params, DOC_KEY)
        out['example-' + name + '-fuzz-key-post'] = signed_query(DOC_COMMON + params, FUZZ_KEY, 'POST')
    for i, text in enumerate(MALFORMED):
        out['malformed-%02d' % i] = text
    # PullEvent and ConfirmEvent, signed with the fuzz key: 1, 2 and 12
    # handles (so msgHandle.10 sorts before .2), and the 1-based list the
    # English ConfirmEvent page shows (quirk Q7).
    events = {
        'pull-event': [('Action', 'PullEvent')],
        'confirm-event-1': [('Action', 'ConfirmEvent'), ('msgHandle.0', 'MsgHandle1')],
        'confirm-event-2': [('Action', 'ConfirmEvent'), ('msgHandle.0', 'MsgHandle1'), ('msgHandle.1', 'MsgHandle2')],
        'confirm-event-12': [('Action', 'ConfirmEvent')] + [('msgHandle.%d' % i, 'h%d' % i) for i in range(12)],
        'confirm-event-one-based': [('Action', 'ConfirmEvent'), ('msgHandle.1', 'a'), ('msgHandle.2', 'b')],
    }
    for name, params in events.items():
        common = [p for p in DOC_COMMON if p[0] != 'Action']
        out['event-' + name] = signed_query(common + params, FUZZ_KEY)
        out['event-' + name + '-post'] = signed_query(common + params, FUZZ_KEY, 'POST')
    rng = random.Random(20261125)
    for i in range(24):
        out['generated-%02d' % i] = signed_query(generated_request(rng), FUZZ_KEY, rng.choice(['GET', 'POST']))
    return out


# pull.url (fuzz_url_check): whole URLs, and the tails the target also
# checks after "http://", "https://" and "http://[" (authorities, IP
# literals, near misses).
URLS = ['http://cloud.tencent.com/sample_video/sample.mp4', 'http://cloud.tencent.com/sample_video/sample.mp4?a=1&b=2',
        'https://1400000001.vod2.myqcloud.com/xxx/xxx/f0.mp4', 'http://127.0.0.1:41234/v2/index.php',
        'HTTP://host:8080/x#frag', 'hTtPs://u:p@h:1/p?q=/?:@#/?', 'https://h/my video.mp4',
        'https://h/\u89c6\u9891.mp4', 'http://[::1]/x', 'http://[::ffff:1.2.3.4]:80/', 'http://[v1.a:b]/',
        'http://a b/', 'http://a%20b/', 'http://%E6%B5%8B/', 'http://1.2.3.4 /', 'http://1.2.3.256 /',
        'http://h:80x', 'http://a@b@c', 'http://h@', 'http:///x', 'ftp://h/', 'http:h', 'https://h/%zz',
        'http://h/%', 'http://[fe80::1%25eth0]/', 'http://[V1.x]/',
        '1:2:3:4:5:6:7:8]', '1:2:3:4:5:6:1.2.3.4]', '::]', '1::]', '::1.2.3.4]', '1:2:3:4:5::255.255.255.255]',
        '1:2:3:4:5:6:7::]', '::2:3:4:5:6:7:8]', '1::2::3]', '12345::]', '::01.2.3.4]', 'v1.x]', 'vF.a:!]',
        'user:pass@host:65535/p/q?x#y', '@h', 'u@:1', '01.02.03.04/', '1.2.3.2555 /', '255.255.255.255:0',
        'h:99999999999999999999/', '%41%7e%FF%00/', 'h/%2F?%41#%42', 'h?%', 'h#%0']


def url_seeds():
    for i, url in enumerate(URLS):
        write('fuzz_url_check', 'url-%02d' % i, url)


def main():
    url_seeds()
    queries = query_seeds()
    for name, text in queries.items():
        write('fuzz_query_decode', name, text)

    for name in ['malformed-%02d' % i for i in range(len(MALFORMED))] + ['vector-DV1', 'vector-DV4']:
        write('fuzz_percent_decode', name, queries[name])
    for i, text in enumerate(['%41%42', 'a+b%2Bc', '%E6%B5%8B%E8%AF%95', '%00%FF', '-_.~!$\'()*,;:@/?',
                              'k=v=w', '%%', '%2', '+%20+', '?', '??a', '&&&', '=&=']):
        write('fuzz_percent_decode', 'escape-%02d' % i, text)

    # FuzzedDataProvider inputs are just bytes: deterministic random ones of
    # several sizes (the fuzzer's mutations do the rest).
    rng = random.Random(7)
    for i, size in enumerate([16, 64, 128, 256, 512, 1024, 2048, 4096] * 3):
        write('fuzz_roundtrip', 'random-%02d' % i, bytes(rng.getrandbits(8) for _ in range(size)))

    # [chunk pattern][key length][key][message]: RFC 2202 / 4231 HMAC keys
    # and messages, FIPS 180 messages, RFC 4648 Base64 texts.
    crypto = {
        'rfc2202-1': (0, b'\x0b' * 20, b'Hi There'),
        'rfc2202-2': (1, b'Jefe', b'what do ya want for nothing?'),
        'rfc2202-3': (63, b'\xaa' * 20, b'\xdd' * 50),
        'rfc4231-6': (64, b'\xaa' * 131, b'Test Using Larger Than Block-Size Key - Hash Key First'),
        'fips180-abc': (2, b'', b'abc'),
        'fips180-two-blocks': (65, b'', b'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
        'block-boundary-55': (5, b'k', b'x' * 55),
        'block-boundary-56': (6, b'k', b'x' * 56),
        'block-boundary-64': (7, b'k' * 64, b'x' * 64),
        'block-boundary-65': (8, b'k' * 65, b'x' * 65),
    }
    for name, (pattern, key, message) in crypto.items():
        write('fuzz_crypto_differential', name, bytes([pattern, len(key) % 256]) + key + message)
    for text in ['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy', 'Zh==', 'Zm9=', 'Z===', 'Zm 9v']:
        write('fuzz_crypto_differential', 'base64-' + (text.replace('=', 'p').replace(' ', 's') or 'empty'), text)

    for name, body in RESPONSES.items():
        write('fuzz_response_decode', name, body)
        write('fuzz_event_decode', 'response-' + name, body)

    # The documented bodies the event tests use (tests/vectors/bodies).
    bodies = os.path.join(ROOT, 'tests', 'vectors', 'bodies')
    for file in sorted(os.listdir(bodies)):
        if file.endswith('.json'):
            with open(os.path.join(bodies, file), 'rb') as f:
                body = f.read()
            write('fuzz_event_decode', file[:-len('.json')], body)
            write('fuzz_response_decode', 'body-' + file[:-len('.json')], body)
    for name, body in EVENTS.items():
        write('fuzz_event_decode', name, body)


if __name__ == '__main__':
    main()

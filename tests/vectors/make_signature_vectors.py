#!/usr/bin/env python3
"""Writes signature_vectors.txt from the documented strings to sign
(protocol-notes section 4), after checking every signature independently
with Python's hmac module. Run it from this folder; the C++ tests read the
text file, so a typo here cannot make both sides agree by accident."""
import base64
import hashlib
import hmac
import re

DOC_KEY = 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA'
SDK_KEY = 'secretKeyBar'
VOD = ('GETvod.api.qcloud.com/v2/index.php?Action=RunProcedure&Nonce=11886&Region=gz'
       '&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768')

VECTORS = [
    ('T1', DOC_KEY, 'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768',
     '0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=', None),
    ('T2', DOC_KEY, 'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA1&Timestamp=1465185768',
     'nPVnY6njQmwQ8ciqbPl5Qe+Oru4=', None),
    ('T3', DOC_KEY, 'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768&instanceIds.0=ins-09dx96dg&limit=20&offset=0',
     'NSI3UqqD99b/UJb4tbG/xZpRW64=', None),
    ('T4', SDK_KEY, 'POSTcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=1290303896666895346&Region=ap-guangzhou&SecretId=secretIdFoo&SignatureMethod=HmacSHA1&Timestamp=1512393162&Version=2017-03-12',
     'p3n+pxBqF5JGZtDSxoVn5tGngf0=', None),
    ('T5', SDK_KEY, 'POSTcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=1290303896666895346&Region=ap-guangzhou&SecretId=secretIdFoo&SignatureMethod=HmacSHA256&Timestamp=1512393162&Version=2017-03-12',
     'B2T37FRSP6Fk0/q/cdfrTE0p3zX5ooB/2BPWZUFpsj4=', None),
    ('T6', SDK_KEY, 'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=1290303896666895346&Region=ap-guangzhou&SecretId=secretIdFoo&SignatureMethod=HmacSHA1&Timestamp=1512393162&Version=2017-03-12',
     '5HAq1BOKNLEE2/uauWnp6Zv9Z3c=', None),
    ('T7', 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE', 'GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&Timestamp=1465185768&Version=2017-03-12',
     'EliP9YW3pW28FpsEdkXt/+WcGeI=', None),
    ('DV1', DOC_KEY, VOD + '&file.endTimeOffset=25&file.id=12345&file.startTimeOffset=10&inputType=SingleFile&procedure=SomeProcedure',
     'FD+zxEooOJq4Ue2wB6SrRfyLt0Y=',
     'Action=RunProcedure&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Signature=FD%2BzxEooOJq4Ue2wB6SrRfyLt0Y%3D&Timestamp=1465185768&file.endTimeOffset=25&file.id=12345&file.startTimeOffset=10&inputType=SingleFile&procedure=SomeProcedure'),
    ('DV1b', DOC_KEY, 'POST' + VOD[3:] + '&file.endTimeOffset=25&file.id=12345&file.startTimeOffset=10&inputType=SingleFile&procedure=SomeProcedure',
     'L5aOZfcZlJZpDQl0ek5SK6WqLm8=', None),
    ('DV2', DOC_KEY, 'POSTvod.api.qcloud.com/v2/index.php?Action=RunProcedure&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768&fileList.0.endTimeOffset=100.0&fileList.0.id=14508071098244959037&fileList.0.startTimeOffset=30.0&fileList.1.endTimeOffset=400.0&fileList.1.id=14508071098244966759&fileList.1.startTimeOffset=300.0&inputType=MultiFile&procedure=SomeProcedure',
     'krpDpVuiBJz9s/OXFBrJkCxcy/zHUm9muanBuzqHGG8=', None),
    ('DV3', DOC_KEY, VOD + '&inputType=Stream&procedure=SomeProcedure&stream.endTimeStamp=1502087638&stream.startTimeStamp=15020876538&stream.streamId=12345',
     '3sK74jf1dP1mhoqk0HxE0T6CrIs=', None),
    ('DV4', DOC_KEY, VOD + '&inputType=PullFile&notifyMode=Change&priority=-10&procedure=SomeProcedure&pull.classId=0&pull.fileMd5=b3ae6ed07d9bf4efeeb94ed2d37ff3e3&pull.fileName=测试 video+1&pull.url=http://cloud.tencent.com/sample_video/sample.mp4?a=1&b=2',
     'ao849Ig/91vSv/Xn0pGsmzBwXhs=',
     'Action=RunProcedure&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Signature=ao849Ig%2F91vSv%2FXn0pGsmzBwXhs%3D&Timestamp=1465185768&inputType=PullFile&notifyMode=Change&priority=-10&procedure=SomeProcedure&pull.classId=0&pull.fileMd5=b3ae6ed07d9bf4efeeb94ed2d37ff3e3&pull.fileName=%E6%B5%8B%E8%AF%95%20video%2B1&pull.url=http%3A%2F%2Fcloud.tencent.com%2Fsample_video%2Fsample.mp4%3Fa%3D1%26b%3D2'),
    ('DV5', DOC_KEY, 'GETvod.api.qcloud.com/v2/index.php?Action=ConfirmEvent&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768&msgHandle.0=MsgHandle1&msgHandle.1=MsgHandle2',
     'qlTC02eGmcBmaS+6m8yw2hwyrG8=', None),
    ('DV6', DOC_KEY, 'GETvod.api.qcloud.com/v2/index.php?Action=PullEvent&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768',
     's94qXwpXWK95tKjlQuuY2mAO9yk=', None),
    ('DV7', DOC_KEY, 'GETvod.api.qcloud.com/v2/index.php?Action=RunProcedure&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SubAppId=1400001234&Timestamp=1465185768&inputType=MultiStream&procedure=SomeProcedure&streamList.0.streamId=s0&streamList.1.streamId=s1&streamList.10.streamId=s10&streamList.2.streamId=s2&streamList.3.streamId=s3&streamList.4.streamId=s4&streamList.5.streamId=s5&streamList.6.streamId=s6&streamList.7.streamId=s7&streamList.8.streamId=s8&streamList.9.streamId=s9',
     '/Y8lA/I1lxI7e81aq1kOHM6IzDc=', None),
    ('DV8', DOC_KEY, VOD + '&file.id=14508071098244959037&inputType=SingleFile&procedure=QCVB_SimpleProcessFile({210,220}, 10, 10, 10)',
     'oeQnGI8akgTdXyjL/gdlF06nv1o=', None),
]


def split_parameters(query):
    """Splits a canonical (sorted, raw) query at '&key=' boundaries whose keys
    ascend; a '&b=2' inside DV4's URL value does not ascend, so it stays put."""
    bounds, last = [], ''
    for m in re.finditer(r'(?:^|&)([A-Za-z][A-Za-z0-9.]*)=', query):
        if m.group(1) > last:
            bounds.append(m)
            last = m.group(1)
    params = []
    for i, m in enumerate(bounds):
        end = bounds[i + 1].start() if i + 1 < len(bounds) else len(query)
        params.append((m.group(1), query[m.end():end]))
    assert '&'.join(k + '=' + v for k, v in params) == query
    return params


def main():
    out = ['# Signature vectors from protocol-notes section 4: T1-T7 official (Tencent docs and',
           '# the official Python SDK tests), DV1-DV8 derived. Generated and checked by',
           '# make_signature_vectors.py. One block per vector; "param:" lines are raw',
           '# key=value (split at the first "="), in sorted order.', '']
    for name, key, s2s, sig, wire in VECTORS:
        digest = hashlib.sha256 if 'SignatureMethod=HmacSHA256' in s2s else hashlib.sha1
        computed = base64.b64encode(hmac.new(key.encode(), s2s.encode(), digest).digest()).decode()
        assert computed == sig, (name, computed, sig)
        method, host, path, query = re.match(r'(GET|POST)([^/]+)(/[^?]*)\?(.*)$', s2s).groups()
        out += ['[%s]' % name, 'key: ' + key, 'endpoint: %s %s %s' % (method, host, path)]
        out += ['param: %s=%s' % kv for kv in split_parameters(query)]
        out += ['string-to-sign: ' + s2s, 'signature: ' + sig]
        if wire:
            out.append('wire: ' + wire)
        out.append('')
    with open('signature_vectors.txt', 'w', encoding='utf-8') as f:
        f.write('\n'.join(out))
    print(len(VECTORS), 'vectors checked and written')


if __name__ == '__main__':
    main()

"""Reads vectors/signature_vectors.txt for the Python tests."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def load_signature_vectors():
    vectors = []
    with open(os.path.join(HERE, 'vectors', 'signature_vectors.txt'), encoding='utf-8') as f:
        for line in f.read().splitlines():
            if not line or line.startswith('#'):
                continue
            if line.startswith('['):
                vectors.append({'name': line[1:-1], 'params': []})
                continue
            key, _, value = line.partition(': ')
            if key == 'param':
                vectors[-1]['params'].append(tuple(value.split('=', 1)))
            else:
                vectors[-1][key.replace('-', '_')] = value
    return vectors

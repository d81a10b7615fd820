#!/usr/bin/env python3
"""placeholder"""
import base64, os, sys

def extract(serial_path, out_dir):
    data = open(serial_path, 'rb').read().replace(b'\r', b'')
    files, name, chunks = {}, None, []
    for line in data.split(b'\n'):
        if line.startswith(b'===BEGIN ') and line.endswith(b'==='):
            name, chunks = line[9:-3].decode(), []
        elif line.startswith(b'===END ') and name is not None:
            files[name] = base64.b64decode(b''.join(chunks))
            name = None
        elif name is not None:
            chunks.append(line.strip())
    for n, b in files.items():
        p = os.path.join(out_dir, n)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        open(p, 'wb').write(b)
    return files, b'===ALL SENT===' in data

if __name__ == '__main__':
    files, done = extract(sys.argv[-2], sys.argv[-1])
    print(sorted(files), done)

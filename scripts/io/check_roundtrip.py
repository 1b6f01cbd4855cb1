#!/usr/bin/env python3
"""Checks that numpy and Python read the files the Swift Tensor IO code writes.

Run by hand (not part of the test suite):
    TENSOR_IO_INTEROP_DIR=/tmp/interop swift test -c release --filter PythonInteropFilesTests
    python3 scripts/io/check_roundtrip.py /tmp/interop
The expected values restate Tests/IOTests/PythonInteropFilesTests.swift.
Exits with status 1 and names the file on the first mismatch.
"""
import csv
import io
import json
import os
import sys
import zipfile

import numpy as np


def expected_arrays():
    return {
        "f4": (np.arange(6, dtype="<f4").reshape(2, 3) * np.float32(0.5) - np.float32(1)).astype("<f4"),
        "f8": np.arange(6, dtype="<f8").reshape(2, 3) / 3,
        "i4": (np.arange(6, dtype="<i4") - 3).reshape(2, 3),
        "i8": np.array([[-(2**40), 0, 2**40 + 1]], dtype="<i8"),
        "b1": np.array([True, False, True, True]),
        "scalar": np.array(3.25, dtype="<f8"),
        "empty": np.zeros((0, 3), dtype="<f4"),
        "rank3": np.arange(24, dtype="<f4").reshape(2, 3, 4),
    }


def same(name, got, want):
    if got.dtype != want.dtype or got.shape != want.shape or not np.array_equal(got, want):
        sys.exit(f"MISMATCH {name}: got {got.dtype} {got.shape} {got!r}, want {want.dtype} {want.shape} {want!r}")


def main(folder):
    arrays = expected_arrays()
    for name, want in arrays.items():
        path = os.path.join(folder, name + ".npy")
        got = np.load(path)
        same(path, got, want)
        # np.save of the same array must produce the same bytes.
        with open(path, "rb") as f:
            written = f.read()
        buffer = io.BytesIO()
        np.save(buffer, want)
        if buffer.getvalue() != written:
            sys.exit(f"MISMATCH {path}: bytes differ from np.save")
        print(f"ok  {name}.npy  {got.dtype.str} {got.shape}  (byte-identical to np.save)")

    # 25000 axes exceed numpy's 64-dimension limit, so check the format 2.0 header and data directly.
    with open(os.path.join(folder, "v2_header.npy"), "rb") as f:
        version = np.lib.format.read_magic(f)
        shape, fortran_order, dtype = np.lib.format.read_array_header_2_0(f, max_header_size=1 << 20)
        data = np.frombuffer(f.read(), dtype=dtype)
    if version != (2, 0) or shape != (1,) * 25000 or fortran_order or dtype != np.dtype("<f4") or data.tolist() != [7.0]:
        sys.exit(f"MISMATCH v2_header.npy: version {version}, {len(shape)} axes, {dtype}, data {data}")
    print(f"ok  v2_header.npy  version {version}, {len(shape)} axes")

    named = dict(arrays)
    named["größe"] = np.array([7], dtype="<i4")
    for archive in ("stored.npz", "compressed.npz", "zip64.npz"):
        path = os.path.join(folder, archive)
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
            if bad is not None:
                sys.exit(f"MISMATCH {path}: CRC error in {bad}")
            methods = sorted({info.compress_type for info in z.infolist()})
        with np.load(path) as npz:
            if list(npz.files) != list(named):
                sys.exit(f"MISMATCH {path}: keys {npz.files} != {list(named)}")
            for key, want in named.items():
                same(f"{path}[{key}]", npz[key], want)
        print(f"ok  {archive}  {len(named)} arrays, zip methods {methods}")

    with open(os.path.join(folder, "table.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    want_rows = [["id", "text", "ünï"], ["1", "comma, inside", "\"quoted\""], ["2", "line\nbreak", ""], ["3", " padded ", "ωμέγα"]]
    if rows != want_rows:
        sys.exit(f"MISMATCH table.csv: {rows!r}")
    print("ok  table.csv  (Python csv module)")

    with open(os.path.join(folder, "log.jsonl"), encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    if records != [{"k": k, "s": "é"} for k in range(3)]:
        sys.exit(f"MISMATCH log.jsonl: {records!r}")
    print("ok  log.jsonl  (json per line)")
    print("all files read back as expected")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])

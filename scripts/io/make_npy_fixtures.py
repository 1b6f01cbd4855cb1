#!/usr/bin/env python3
"""Writes the numpy-made .npy/.npz fixtures that Tests/IOTests read.

Run from the repository root:  python3 scripts/io/make_npy_fixtures.py
Output: Tests/IOTests/Fixtures/*.npy, *.npz (small, committed). Values are simple
formulas (np.arange based) that the Swift tests restate; see NPYFixtureTests.swift.
"""
import io
import os
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "IOTests", "Fixtures")


def save(name, array, **kwargs):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        if kwargs:
            np.lib.format.write_array(f, array, allow_pickle=kwargs.pop("allow_pickle", False), **kwargs)
        else:
            np.save(f, array)
    print(f"{name}: dtype={array.dtype.str} shape={array.shape} bytes={os.path.getsize(path)}")


def main():
    os.makedirs(OUT, exist_ok=True)
    # One file per supported dtype; values are arange(6) reshaped (2, 3) plus an offset/scale.
    save("f4.npy", (np.arange(6, dtype="<f4").reshape(2, 3) * 0.5 - 1))   # -1, -0.5, 0, 0.5, 1, 1.5
    save("f8.npy", (np.arange(6, dtype="<f8").reshape(2, 3) / 3))         # k / 3
    save("i4.npy", np.arange(6, dtype="<i4").reshape(2, 3) - 3)           # -3 ... 2
    save("i8.npy", np.array([[-(2**40), 0, 2**40 + 1]], dtype="<i8"))     # beyond int32
    save("b1.npy", np.array([True, False, True, True], dtype="|b1"))
    save("u1.npy", np.array([0, 7, 255], dtype="|u1"))
    save("i2.npy", np.array([-32768, 0, 32767], dtype="<i2"))
    save("f2.npy", np.array([0.5, -2.0, 65504.0], dtype="<f2"))
    save("scalar_f8.npy", np.array(3.25, dtype="<f8"))                    # 0-d, shape ()
    save("empty_f4.npy", np.zeros((0, 3), dtype="<f4"))
    save("rank3_f4.npy", np.arange(24, dtype="<f4").reshape(2, 3, 4))
    # Header versions 2.0 and 3.0 (numpy picks 1.0 unless asked).
    save("v2_i8.npy", np.arange(5, dtype="<i8"), version=(2, 0))
    save("v3_f4.npy", np.arange(5, dtype="<f4"), version=(3, 0))

    # Unsupported layouts and types: the tests expect clear errors.
    save("fortran_f4.npy", np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))
    save("bigendian_f4.npy", np.arange(3, dtype=">f4"))
    save("unicode_U3.npy", np.array(["abc", "de"], dtype="<U3"))
    save("object.npy", np.array([1, "a", None], dtype=object), allow_pickle=True)

    a = np.arange(6, dtype="<f4").reshape(2, 3)
    b = np.array([1, 0, 1], dtype="<i8")
    c = np.array(True)
    # savez keeps keyword order; keys carry ".npy" in the archive.
    np.savez(os.path.join(OUT, "savez.npz"), a=a, b=b, c=c)
    big = np.sin(np.arange(1000, dtype="<f8"))
    np.savez_compressed(os.path.join(OUT, "savez_compressed.npz"), a=a, big=big, labels=b)

    # ZIP64 everywhere: lower zipfile's limit so every size and offset goes through
    # ZIP64 extra fields and the ZIP64 end records, as numpy does for entries over 2 GiB.
    saved_limit = zipfile.ZIP64_LIMIT
    zipfile.ZIP64_LIMIT = 1
    try:
        with zipfile.ZipFile(os.path.join(OUT, "zip64.npz"), "w", zipfile.ZIP_DEFLATED) as z:
            for key, value in (("x", a), ("y", b)):
                buffer = io.BytesIO()
                np.save(buffer, value)
                with z.open(key + ".npy", "w", force_zip64=True) as entry:
                    entry.write(buffer.getvalue())
    finally:
        zipfile.ZIP64_LIMIT = saved_limit
    for name in ("savez.npz", "savez_compressed.npz", "zip64.npz"):
        print(f"{name}: bytes={os.path.getsize(os.path.join(OUT, name))}")

    # CSV numbers that stress decimal parsing (long mantissas, extreme exponents, subnormals,
    # signs, no leading/trailing digits); np.loadtxt's float64 values are the reference.
    rng = np.random.default_rng(7)
    cells = ["0", "-0", "+1", ".5", "5.", "-.25e1", "1e22", "1e23", "9007199254740993",
             "123456789012345678901234567890", "4.9406564584124654e-324", "2.2250738585072011e-308",
             "1.7976931348623157e308", "0.1", "0.30000000000000004", "1040.9", "-3392.55", "1E-5",
             "3.14159265358979323846264338327950288", "0.000000000000000000000000000001"]
    cells += [repr(float(x)) for x in rng.standard_normal(40) * 10.0 ** rng.integers(-30, 30, 40)]
    cells += [f"{x:.2f}" for x in rng.uniform(-4000, 4000, 40)]
    rows = [cells[i:i + 10] for i in range(0, len(cells), 10)]
    with open(os.path.join(OUT, "decimal_values.csv"), "w") as f:
        f.write("".join(",".join(row) + "\n" for row in rows))
    expected = np.loadtxt(os.path.join(OUT, "decimal_values.csv"), delimiter=",", dtype="<f8")
    np.save(os.path.join(OUT, "decimal_values.npy"), expected)
    print(f"decimal_values.csv: {expected.shape[0]} x {expected.shape[1]} values, reference in decimal_values.npy")


if __name__ == "__main__":
    main()

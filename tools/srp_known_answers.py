#!/usr/bin/env python3
"""Known answers for Tests/CryptoPrimitivesTests/SRPServerTests.swift, computed with nothing but
Python's `int`, `hashlib` and `hmac` (no SRP library, no libcrypto big numbers).

The group is derived here from RFC 3526's own definition of the 3072-bit MODP prime,
p = 2^3072 - 2^3008 - 1 + 2^64 * (floor(2^2942 * pi) + 1690314), with pi computed by Machin's
formula in integers, so not even the prime is copied from anywhere. Both sides of the exchange are
computed: the server's S = (A * v^u)^b and the client's S = (B - k * g^x)^(a + u*x); they must agree.

Run: python3 tools/srp_known_answers.py   (prints the values pasted into the Swift test)
"""
import base64
import hashlib
import hmac


def pi_times_2_to(bits: int) -> int:
    """floor(pi * 2^bits), by Machin: pi = 16 atan(1/5) - 4 atan(1/239), with 64 guard bits."""
    guard = 64
    one = 1 << (bits + guard)

    def arctan_inverse(x: int) -> int:
        total, term, n, sign = 0, one // x, 1, 1
        while term:
            total += sign * (term // n)
            term //= x * x
            n += 2
            sign = -sign
        return total

    return (16 * arctan_inverse(5) - 4 * arctan_inverse(239)) >> guard


N = 2**3072 - 2**3008 - 1 + 2**64 * (pi_times_2_to(2942) + 1690314)
G = 2
N_BYTES = 384


def to_bytes(value: int) -> bytes:
    """Big-endian, no leading zeros (empty for zero)."""
    return value.to_bytes((value.bit_length() + 7) // 8, "big")


def pad(value: bytes) -> bytes:
    """Cognito's PAD: a zero byte in front when the top bit is set (one zero byte for zero)."""
    if not value:
        return b"\x00"
    return b"\x00" + value if value[0] >= 0x80 else value


def H(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def as_int(data: bytes) -> int:
    return int.from_bytes(data, "big")


POOL_ID = "us-east-1_Kn0wnAnsw"
POOL_NAME = POOL_ID.split("_", 1)[1]
USER_ID = "alice"
PASSWORD = "Corr3ct-Horse!"
SALT = bytes.fromhex("5a0c9e8d7f6b4a3928171605f4e3d2c1")
b = as_int(hashlib.sha512(b"mock-cognito known answer: server private b").digest())
a = as_int(hashlib.sha512(b"mock-cognito known answer: client private a").digest())
SECRET_BLOCK = b"mock-cognito known-answer secret block \x00\x01\xfe\xff"
TIMESTAMP = "Sun Nov 29 12:03:01 UTC 2026"

assert N.bit_length() == 3072 and N % 2 == 1
k = as_int(H(pad(to_bytes(N)) + pad(to_bytes(G))))
x = as_int(H(pad(SALT) + H(f"{POOL_NAME}{USER_ID}:{PASSWORD}".encode())))
v = pow(G, x, N)
B = (k * v + pow(G, b, N)) % N
A = pow(G, a, N)
u = as_int(H(pad(to_bytes(A)) + pad(to_bytes(B))))
S_server = pow(A * pow(v, u, N), b, N)
S_client = pow((B - k * pow(G, x, N)) % N, a + u * x, N)
assert S_server == S_client, "the two sides disagree"
prk = hmac.new(pad(to_bytes(u)), pad(to_bytes(S_server)), hashlib.sha256).digest()
K = hmac.new(prk, b"Caldera Derived Key" + b"\x01", hashlib.sha256).digest()[:16]
message = POOL_NAME.encode() + USER_ID.encode() + SECRET_BLOCK + TIMESTAMP.encode()
signature = base64.b64encode(hmac.new(K, message, hashlib.sha256).digest()).decode()

for name, value in [
    ("N", N), ("k", k), ("x", x), ("v", v), ("b", b), ("B", B), ("a", a), ("A", A), ("u", u), ("S", S_server),
]:
    print(f"{name} = {value:x}")
print(f"K = {K.hex()}")
print(f"secretBlock = {SECRET_BLOCK.hex()}")
print(f"signature = {signature}")

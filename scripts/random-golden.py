"""Independent Python re-implementation of src/math/random.ts, used once to produce the golden
values in test/math/random.test.ts. Python floats are IEEE 754 doubles with correctly rounded
+ - * / and sqrt, exactly like JavaScript numbers, so matching digits show that the TypeScript
generator depends on nothing engine-specific. Run: python3 scripts/random-golden.py"""
import math
import struct

M32 = 0xFFFFFFFF


def imul(a, b):
    return (a * b) & M32


def mix32(h):
    h = imul(h ^ (h >> 16), 0x85EBCA6B)
    h = imul(h ^ (h >> 13), 0xC2B2AE35)
    return (h ^ (h >> 16)) & M32


def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M32


ODD = [1 / (2 * i + 1) for i in range(11)]
SQRT1_2 = 0.7071067811865476
LN2 = 0.6931471805599453


def portable_log(x):
    m, k = x, 0
    while m < SQRT1_2:
        m *= 2
        k -= 1
    z = (m - 1) / (m + 1)
    z2 = z * z
    series = 0.0
    for r in reversed(ODD):
        series = series * z2 + r
    return 2 * z * series + k * LN2


class Rng:
    def __init__(self, seed):
        h = seed
        s = []
        for _ in range(4):
            h = (h + 0x9E3779B9) & M32
            s.append(mix32(h))
        if not any(s):
            s[0] = 1
        self.s = s
        self.spare = None

    def next_uint32(self):
        s0, s1, s2, s3 = self.s
        result = imul(rotl(imul(s1, 5), 7), 9)
        t = (s1 << 9) & M32
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 11)
        self.s = [s0, s1, s2, s3]
        return result

    def uniform(self):
        high = self.next_uint32() >> 5
        low = self.next_uint32() >> 6
        return (high * 67108864 + low) / 9007199254740992

    def normal(self):
        if self.spare is not None:
            v, self.spare = self.spare, None
            return v
        while True:
            u = self.next_uint32() / 2147483648 - 1
            v = self.next_uint32() / 2147483648 - 1
            s = u * u + v * v
            if 0 < s < 1:
                break
        f = math.sqrt((-2 * portable_log(s)) / s)
        self.spare = v * f
        return u * f


def f32(x):
    return struct.unpack('f', struct.pack('f', x))[0]


r = Rng(0)
print('seed 0 uint32:', [r.next_uint32() for _ in range(6)])
r = Rng(42)
print('seed 42 uint32:', [r.next_uint32() for _ in range(6)])
print('seed 42 then uniform:', [repr(r.uniform()) for _ in range(4)])
r = Rng(2021)
print('seed 2021 normal:', [repr(r.normal()) for _ in range(8)])
r = Rng(4294967295)
print('seed 2^32-1 fillNormal f32 (mean 1, std 0.5):', [repr(f32(1 + 0.5 * r.normal())) for _ in range(5)])
print('portable_log:', [repr(portable_log(x)) for x in (1.0, 0.5, 0.1, 1e-9, 0.75)])
print('math.log    :', [repr(math.log(x)) for x in (1.0, 0.5, 0.1, 1e-9, 0.75)])

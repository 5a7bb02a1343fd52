"""A small module compiled by gen_vectors.py into sample.pyc: functions, closures, a class,
comprehensions, lambdas, exceptions and constants of every marshal type."""
import math

CONSTANTS = (None, True, False, ..., 42, -7, 2**100, 1.5, 2j, "text", b"bytes", "日本語", (1, (2, 3)))
SMALL_PRIMES = frozenset({2, 3, 5, 7})


def add(a, b=1, /, *args, scale=1.0, **kwargs):
    return (a + b + sum(args)) * scale


def counter():
    count = 0

    def increment(step=1):
        nonlocal count
        count += step
        return count
    return increment


class Shape:
    sides = 0

    def __init__(self, name):
        self.name = name

    @property
    def label(self):
        return f"{self.name} with {self.sides} sides"


def squares(n):
    evens = [i * i for i in range(n) if i % 2 == 0]
    lookup = {i: math.sqrt(i) for i in evens}
    return sorted(lookup, key=lambda k: -k)


def guarded(x):
    try:
        return 1 / x
    except ZeroDivisionError:
        return float("inf")
    finally:
        pass


def is_small_prime(n):
    return n in {2, 3, 5, 7}

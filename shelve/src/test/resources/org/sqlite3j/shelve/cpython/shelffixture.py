"""Classes stored in the committed CPython shelves (see make_shelves.py)."""


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return type(other) is Point and (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Secret:
    """Never registered on the Java side: deny-by-default must name it, stub mode must keep it."""

    def __init__(self, payload):
        self.payload = payload

    def __eq__(self, other):
        return type(other) is Secret and self.payload == other.payload

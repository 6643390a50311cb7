"""Recognise persons (filled in by the persons stage)."""


def recognise(doc, authority=None):
    return None


def list_person(doc):
    raise NotImplementedError

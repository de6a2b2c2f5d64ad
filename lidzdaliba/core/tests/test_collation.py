"""Latvian alphabetical order (issue 10, item 10)."""

from __future__ import annotations

from lidzdaliba.core.collation import latvian_key


def test_letters_with_diacritics_follow_their_base_letter():
    names = [
        "Žagari",
        "Zaube",
        "Šķēde",
        "Sigulda",
        "Ņukši",
        "Nīca",
        "Ļaudona",
        "Līvāni",
        "Ķekava",
        "Kuldīga",
        "Ģibuļi",
        "Gulbene",
        "Ēdole",
        "Ērgļi",
        "Eleja",
        "Čiekurkalns",
        "Cēsis",
        "Ādaži",
        "Aizpute",
        "Ogre",
        "Ūdru",
        "Ugāle",
    ]
    assert sorted(names, key=latvian_key) == [
        "Aizpute",
        "Ādaži",
        "Cēsis",
        "Čiekurkalns",
        "Eleja",
        "Ēdole",
        "Ērgļi",
        "Gulbene",
        "Ģibuļi",
        "Kuldīga",
        "Ķekava",
        "Līvāni",
        "Ļaudona",
        "Nīca",
        "Ņukši",
        "Ogre",
        "Sigulda",
        "Šķēde",
        "Ugāle",
        "Ūdru",
        "Zaube",
        "Žagari",
    ]


def test_case_is_ignored_and_foreign_letters_sort_after():
    assert sorted(["b", "A", "ā", "Ā"], key=latvian_key) == ["A", "Ā", "ā", "b"]
    assert sorted(["Zz", "Zy", "Zž", "Zw"], key=latvian_key) == ["Zz", "Zž", "Zw", "Zy"]
    assert sorted(["2. skola", "Ābeles"], key=latvian_key) == ["2. skola", "Ābeles"]

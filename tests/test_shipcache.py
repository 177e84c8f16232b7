"""The cache of validated shipped files: used only while the files and the version match."""

import pickle

import pytest

from hipcli import shipcache
from hipcli.library import load_library, read_library
from hipcli.paths import builtin_dir, library_file, validated_dir
from hipcli.loading import load_path
from hipcli.routine import routine_from_source
from hipcli.yamlsource import read_source


@pytest.fixture
def fresh():
    """Forget the library this process has loaded, so every load goes to the cache or the file."""
    load_library.cache_clear()
    yield
    load_library.cache_clear()


def entries(tmp_path):
    return sorted(p.name for p in validated_dir().glob("*"))


def test_a_second_load_comes_from_the_cache_without_reading_yaml(fresh, tmp_path, monkeypatch):
    first = load_library()
    assert "library.pickle" in entries(tmp_path)
    load_library.cache_clear()

    def no_yaml(*args, **kwargs):
        raise AssertionError("the library was parsed again")
    monkeypatch.setattr("hipcli.yamlsource.read_source", no_yaml)
    again = load_library()
    assert again == first and again is not first
    assert len(again.exercises) == 64  # the README's count of shipped exercises


def test_a_cached_routine_is_the_routine_validated_afresh(fresh):
    path = builtin_dir() / "external-rotation.yaml"
    cached = load_path(path).routine
    load_library.cache_clear()
    afresh = routine_from_source(read_source(path), read_library(library_file()))
    assert load_path(path).routine == cached == afresh


def test_an_entry_is_used_only_for_the_very_files_it_was_built_from(tmp_path):
    source = tmp_path / "file.yaml"
    source.write_text("one")
    builds = []

    def build():
        builds.append(source.read_text())
        return source.read_text().upper()
    assert shipcache.cached("thing", [source], build) == "ONE"
    assert shipcache.cached("thing", [source], build) == "ONE"
    assert builds == ["one"]
    source.write_text("two")  # an edited file is validated afresh
    assert shipcache.cached("thing", [source], build) == "TWO"
    assert builds == ["one", "two"]


def test_a_new_version_validates_afresh(tmp_path, monkeypatch):
    source = tmp_path / "file.yaml"
    source.write_text("one")
    builds = []
    shipcache.cached("thing", [source], lambda: builds.append(1))
    monkeypatch.setattr(shipcache, "__version__", "99.0")
    shipcache.cached("thing", [source], lambda: builds.append(2))
    assert builds == [1, 2]


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps("no key, no value"),
                                     pickle.dumps((("0.0.1", (3, 11), ()), "stale"))])
def test_a_damaged_or_stale_entry_is_rebuilt(fresh, tmp_path, content):
    folder = validated_dir()
    folder.mkdir(parents=True)
    (folder / "library.pickle").write_bytes(content)
    assert len(load_library().exercises) == 64
    key, library = pickle.loads((folder / "library.pickle").read_bytes())
    assert key == shipcache.cache_key([library_file()]) and library == load_library()


def test_a_cache_folder_that_cannot_be_written_is_no_error(fresh, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("HIPCLI_CACHE_DIR", str(blocked))  # a file where the folder should be
    assert len(load_library().exercises) == 64


def test_a_routine_of_ones_own_is_cached_by_where_it_is_and_revalidated_when_edited(
        fresh, tmp_path, monkeypatch):
    own = tmp_path / "mine.yaml"
    own.write_text((builtin_dir() / "desk-break.yaml").read_text())
    first = load_path(own).routine
    assert [name for name in entries(tmp_path) if name.startswith("file-")] != []
    own.write_text(own.read_text().replace("title: Desk break", "title: My desk break"))
    assert load_path(own).routine.heading == "My desk break" != first.heading


def test_a_routine_with_an_error_is_never_cached(fresh, tmp_path):
    from hipcli.errors import RoutineError
    own = tmp_path / "bad.yaml"
    own.write_text("name: bad\nblocks: []\n")
    for _ in range(2):  # reported the same way both times, from the file itself
        with pytest.raises(RoutineError) as error:
            load_path(own).routine
        assert str(error.value).startswith(f"{own}:2:9:")
    assert not [name for name in entries(tmp_path) if name.startswith("file-")]


def test_changed_model_code_validates_afresh(tmp_path, monkeypatch):
    # Entries hold pickled model objects: new class code must not load old objects.
    source, code = tmp_path / "file.yaml", tmp_path / "model.py"
    source.write_text("one")
    code.write_text("class A: pass")
    monkeypatch.setattr(shipcache, "CLASS_MODULES", [code])
    builds = []
    shipcache.cached("thing", [source], lambda: builds.append(1))
    code.write_text("class A: x = 1")
    shipcache.cached("thing", [source], lambda: builds.append(2))
    assert builds == [1, 2]

"""The saved seeded database is used only while nothing that shaped it has changed."""

import json
import threading

import pytest

from tests import seeded_copy


@pytest.fixture
def project(tmp_path, monkeypatch, settings):
    """A small project tree and media folder in place of the real ones."""
    (tmp_path / "home" / "migrations").mkdir(parents=True)
    (tmp_path / "home" / "migrations" / "0001_initial.py").write_text("operations = []\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "base.html").write_text("<main></main>\n")
    monkeypatch.setattr(seeded_copy, "ROOT", tmp_path)
    monkeypatch.setattr(seeded_copy, "SOURCES", ["templates"])  # and "home", an installed app
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path


def saved_with(project, media_files):
    folder = seeded_copy.folder()
    folder.mkdir(parents=True)
    name = seeded_copy.fingerprint()
    (folder / f"{name}.sqlite3").write_bytes(b"")
    (folder / f"{name}.json").write_text(json.dumps(media_files))
    for file in media_files:
        (project / "media" / file).parent.mkdir(parents=True, exist_ok=True)
        (project / "media" / file).write_bytes(b"image")


def test_a_copy_with_its_media_files_is_used(project):
    saved_with(project, ["original_images/hero.jpg"])
    assert seeded_copy.usable_copy() is not None


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "home" / "migrations" / "0002_more.py").write_text("operations = []\n"),
        lambda root: (root / "templates" / "base.html").write_text("<main>changed</main>\n"),
        lambda root: (root / "media" / "original_images" / "hero.jpg").unlink(),
    ],
    ids=["a new migration", "a changed template", "a media file gone"],
)
def test_a_copy_is_not_used_once_what_shaped_it_changes(project, change):
    saved_with(project, ["original_images/hero.jpg"])
    change(project)
    assert seeded_copy.usable_copy() is None


def test_compiled_files_do_not_count(project):
    before = seeded_copy.fingerprint()
    (project / "home" / "__pycache__").mkdir()
    (project / "home" / "__pycache__" / "models.cpython-313.pyc").write_bytes(b"\0")
    assert seeded_copy.fingerprint() == before


def test_a_run_that_starts_while_another_builds_waits_then_loads_its_copy(project):
    first = seeded_copy.Claim()
    assert first.copy is None
    claims = []
    second = threading.Thread(target=lambda: claims.append(seeded_copy.Claim()))
    second.start()
    second.join(timeout=0.5)
    assert second.is_alive(), "the second run went on while the first was still building"
    saved_with(project, ["original_images/hero.jpg"])
    first.lock.close()  # as Claim.save does once the copy is written
    second.join(timeout=10)
    assert claims[0].copy == seeded_copy.usable_copy()
    assert claims[0].copy is not None

"""Starting on a bare Linux desktop says plainly what is missing instead of aborting."""

from __future__ import annotations

from gui import platform_check


def test_no_display_is_explained(monkeypatch):
    monkeypatch.setattr(platform_check.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert "no display" in platform_check.display_problem()


def test_missing_xcb_library_names_the_debian_package(monkeypatch):
    monkeypatch.setattr(platform_check.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setattr(platform_check, "missing_libraries", lambda: ["libxcb-cursor.so.0"])
    message = platform_check.display_problem()
    assert "libxcb-cursor.so.0" in message and "apt-get install libxcb-cursor0" in message


def test_offscreen_platform_needs_no_check(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert platform_check.display_problem() is None

"""Hashiya's Qt interface; talks to model/ only."""

from .app import create_main_window

__all__ = ["create_main_window"]

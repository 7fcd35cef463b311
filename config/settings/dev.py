"""Local development: debug on, e-mail to the console."""

from .base import *  # noqa: F403

DEBUG = True

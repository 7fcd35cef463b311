"""Local development: debug on, e-mail to the console."""

from .base import *

DEBUG = True

"""The shipped scenarios, installed with crmsim as package data.

This file only lets the packaging map the folder onto ``crmsim._data.scenarios``;
the scenarios are the ``*.yaml`` files beside it (see README.md).
"""

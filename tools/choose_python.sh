#!/bin/sh
# Print the Python interpreter that `make` builds .venv with.
#
# The first candidate that is CPython 3.11 or newer and can create a virtual
# environment with pip (modules venv and ensurepip) wins. The distribution's own
# Python 3.11 comes first: Debian and Ubuntu compile it with profile-guided and
# link-time optimisation. With two simulation workers on two cores, Debian's build
# ran a customer block about 1.1 times faster than pyenv's unoptimised one (up to
# 1.4 times on a busier machine), with the same results. Then python3 from the PATH.
# Arguments replace the candidates; without any they are /usr/bin/python3.11, python3.
# Prints python3 when no candidate qualifies, so that the error comes from venv.
[ "$#" -gt 0 ] || set -- /usr/bin/python3.11 python3
for candidate in "$@"; do
	if "$candidate" -c 'import ensurepip, platform, sys, venv
sys.exit(sys.version_info < (3, 11) or platform.python_implementation() != "CPython")' \
		>/dev/null 2>&1; then
		echo "$candidate"
		exit 0
	fi
done
echo python3

"""``python -m vntransform`` runs the ``vnt`` command line."""

from vntransform.cli import main

if __name__ == "__main__":
    main()

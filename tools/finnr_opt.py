"""Entry point of ``finnr-opt``."""

from finnr.opt import main

if __name__ == "__main__":
    main()

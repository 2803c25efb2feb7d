"""``python -m finnr``: the ``finnr`` command."""

if __name__ == "__main__":
    from finnr.driver.main import run

    run()

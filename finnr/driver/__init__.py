"""finnr's command-line driver: ``finnr`` (:mod:`finnr.driver.main`, one
module per subcommand in :mod:`finnr.driver.commands`) and ``finnr-opt``
(:mod:`finnr.driver.opt`)."""

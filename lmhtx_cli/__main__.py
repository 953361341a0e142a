from lmhtx_cli.cli import main

main()

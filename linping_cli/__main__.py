from linping_cli.cli import main

main()

from linping_cli import main

main()

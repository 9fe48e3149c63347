from kpicli.cli import main

main()

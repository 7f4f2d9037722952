from motcua.cli import main

main()

from writer.cli import main

main(prog_name="stmt")

"""The benchmark's baseline: the least a Typer cli can do (`search QUERY --json` prints [], `list` a table)."""

import typer

app = typer.Typer()


@app.command()
def search(query: str, json: bool = typer.Option(False, "--json")) -> None:
    print("[]")


@app.command("list")
def list_() -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "name")
    table.add_row("gdp-2024", "地区生产总值")
    Console().print(table)


if __name__ == "__main__":
    app()

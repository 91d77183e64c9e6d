"""``framing dashboard``: start the Streamlit app on the bundled sample."""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
from importlib import resources
from pathlib import Path

from framing.cli.common import CliError, add_db_argument, add_story_argument, store_from_args, story_for

#: Environment variable naming the story the dashboard opens on (``framing dashboard --story``).
STORY_ENV = "FRAMING_STORY"


def dashboard_app_path() -> Path:
    """Path of the Streamlit entry point (``dashboards/app.py``, installed as ``framing._dashboards``)."""
    path = Path(str(resources.files("framing._dashboards"))) / "app.py"
    if not path.is_file():
        raise CliError(f"the dashboard is not installed ({path} is missing); reinstall framing")
    return path


def port_number(text: str) -> int:
    """Argument type of ``--port``: a TCP port, 1 to 65535."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port out of range: {port} (allowed: 1 to 65535)")
    return port


def check_port_free(address: str, port: int) -> None:
    """Fail in one line when the dashboard could not listen on ``address:port``.

    Streamlit says only "Port 8501 is not available" after this command has
    told the user to open that address, where another dashboard (or any
    server) may be answering; so the port is tried first. The probe sets
    SO_REUSEADDR as servers do, so a port left in TIME_WAIT by a dashboard
    just stopped counts as free, while one another server listens on does not.
    """
    try:
        with socket.create_server((address, port)):
            pass
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise CliError(f"port {port} on {address} is in use (another dashboard?); stop it, "
                           f"or pick another port: framing dashboard --port {port + 1 if port < 65535 else 8502}") from exc
        raise CliError(f"cannot listen on {address}:{port} ({exc.strerror or exc}); check --address") from exc


def run_dashboard(args: argparse.Namespace) -> int:
    """Run ``streamlit run`` headless, with usage statistics off.

    Through :mod:`framing._dashboards.serve`, which imports the library
    while the server starts, so the first page does not wait for it.
    """
    command = [
        sys.executable, "-m", "framing._dashboards.serve", "run", str(dashboard_app_path()),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "viewer",  # no Deploy button (as .streamlit/config.toml for streamlit run)
        "--server.port", str(args.port),
        "--server.address", args.address,
    ]
    if args.story:
        # Checked here, so an unknown name is one line and exit 2, not a page error;
        # the app reads it from the environment Streamlit inherits.
        story_for(args, store_from_args(args.db))
        os.environ[STORY_ENV] = args.story
    if args.db:
        os.environ["FRAMING_DB"] = str(Path(args.db).expanduser().resolve())
    check_port_free(args.address, args.port)
    print(f"framing dashboard: open http://{args.address}:{args.port}/ (Ctrl+C to stop)", file=sys.stderr)
    sys.stderr.flush()
    # Replace this process with Streamlit's, so Ctrl+C and SIGTERM reach the
    # server itself and no orphan is left behind.
    try:
        os.execv(sys.executable, command)
    except OSError as exc:
        raise CliError(f"cannot start Streamlit: {exc}") from exc
    return 0  # pragma: no cover - execv does not return


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the dashboard subcommand."""
    dashboard = subparsers.add_parser(
        "dashboard",
        help="open the Streamlit dashboard (on the default story: at first, the bundled sample)",
        description="Start the dashboard (Compare, Outlets, Add articles, Lexicon, Reframe) headless.",
    )
    dashboard.add_argument("--port", type=port_number, default=8501, help="port (default: 8501)")
    dashboard.add_argument("--address", default="localhost", help="address to listen on (default: localhost)")
    add_db_argument(dashboard)
    add_story_argument(dashboard)
    dashboard.set_defaults(handler=run_dashboard)

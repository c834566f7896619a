"""newsx: people, places, organisations and IPTC-coded topics from news articles."""

__version__ = "0.1.0"

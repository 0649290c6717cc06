"""The translators' tools: ``update`` the catalogs from the templates, ``check`` them, ``stats``."""

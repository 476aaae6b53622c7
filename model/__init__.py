"""Hashiya's model: documents, spans, labels, storage and formats. Never imports Qt."""

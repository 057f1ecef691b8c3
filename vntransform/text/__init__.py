"""Text processing: normalisation, segmentation (the only place underthesea is imported)."""

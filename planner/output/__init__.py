"""Output: the printed programme, its charts, the CSV and calendar exports, safe writes."""

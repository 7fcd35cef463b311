"""Pages of the goals app: indicators, measurements, agreements."""

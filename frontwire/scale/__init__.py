"""Speed and scale: parallel extraction on one machine, Ray over shards, the benchmark."""

"""What runs the dashboard as several replicas behind nginx, and publishes a data version to each of them."""

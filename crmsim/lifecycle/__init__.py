"""Customer lifecycle simulation: population, buying, service, complaints, campaigns, churn."""

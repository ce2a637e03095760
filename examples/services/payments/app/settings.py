"""Payments service settings: one deliberate mistake, and the patterns Bulwark leaves alone."""
import os

# Mistake: a live Stripe key committed to the repository (a fake one, made up for this example).
STRIPE_API_KEY = "sk_live_OhbVrpoiVgRV5IfLBcbfnoGMbJmTPSIAoCLrZ3aWZkSBvrjn"

# Fine: credentials come from the environment at runtime.
DATABASE_URL = os.environ["DATABASE_URL"]
# Fine: a placeholder the deployment fills in.
SLACK_WEBHOOK_URL = "${SLACK_WEBHOOK_URL}"
# Fine: Stripe's documented test-mode key, published in their API reference.
STRIPE_TEST_KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"

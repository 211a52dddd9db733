"""Support cases (支援ケース): a group followed over months, its timeline and next actions."""

"""The Qt user interface: windows, dialogs, item models. No SQL, no rule."""

"""The exchange between the branch offices and the head office (issue 17).

`keys` holds this office's own keys; `cards` the public cards of the offices it exchanges
with; `sealing` signs and encrypts a file for one recipient, opens one addressed here, and
keeps a refused file aside; `errors` names every refusal; `offices` the codes and folders.
What goes inside a file (the payload) is not the sealing's concern: to it a payload is bytes
and a small header.
"""

"""The exchange between the branch offices and the head office (issue 17).

`keys` holds an office's own keys and the public cards of the offices it exchanges with;
`sealing` signs and encrypts a file for one recipient, opens one addressed here, and keeps a
refused file aside; `refusals` names every reason a file is refused. What goes inside a file
(the payload) is not this room's concern: to it a payload is bytes and a small header.
"""

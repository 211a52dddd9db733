"""データの受け渡し: the exchange's dialog (送る / 受け取る) and the shared folder's timer."""

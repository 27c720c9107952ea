print("ecluse")

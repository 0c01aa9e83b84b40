print("keyward")
